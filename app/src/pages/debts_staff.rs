//! The staff's debts pages: the debtor search and card, one debt with its history, entry,
//! correction and cancellation, the monthly table, the import with its progress bar; for
//! admins the revenue categories.

use super::debts::{debt_table, debtor_card, param};
use super::guard::{query, with_role};
use crate::api::debts::*;
use crate::components::{ErrorSummary, Field, FormState, Notice, PageTitle};
use crate::domain::account::Role;
use crate::domain::debt::{DebtKind, DebtState};
use crate::domain::time::format_local;
use crate::i18n::labels::{debt_kind_label, euros};
use crate::i18n::{t, use_lang, Msg};
use crate::views::debts::*;
use leptos::prelude::*;

const DEBT_STAFF: &[Role] = &[Role::Clerk, Role::Cashier];

/// The staff's links between the debts pages.
fn staff_nav() -> impl IntoView {
    view! {
        <ul class="inline-list">
            <li><a href="/staff/debts">{t(Msg::StaffDebtsTitle)}</a></li>
            <li><a href="/staff/debts/new">{t(Msg::DebtNewTitle)}</a></li>
            <li><a href="/staff/debts/import">{t(Msg::DebtImportTitle)}</a></li>
            <li><a href="/staff/debts/report">{t(Msg::DebtReportTitle)}</a></li>
        </ul>
    }
}

#[component]
pub fn StaffDebtsPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    let q = query("q").unwrap_or_default();
    view! {
        <PageTitle text=t(Msg::StaffDebtsTitle) />
        <h1>{t(Msg::StaffDebtsTitle)}</h1>
        {staff_nav()}
        <form method="get" action="/staff/debts" class="filters" role="search">
            <Field name="q" label=Msg::DebtorSearch hint=Msg::DebtorSearchHint kind="search" maxlength=crate::domain::submission::MAX_SEARCH_CHARS autocomplete="off" value=Some(q.clone()) />
            <button type="submit" class="button button--secondary">{t(Msg::DebtorSearchButton)}</button>
        </form>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                if q.trim().is_empty() {
                    return ().into_any();
                }
                let hits = match search_debtors(q).await {
                    Ok(hits) => hits,
                    Err(crate::error::AppError::BadRequest(text)) => {
                        return view! { <p class="field-error">{text}</p> }.into_any()
                    }
                    Err(_) => return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any(),
                };
                if hits.is_empty() {
                    return view! { <p class="results-count">{t(Msg::DebtorSearchNone)}</p> }.into_any();
                }
                let rows = hits
                    .into_iter()
                    .map(|h| view! {
                        <tr>
                            <td data-label=t(Msg::DebtorName)><a href=format!("/staff/debtor/{}", h.id)>{h.name.clone()}</a></td>
                            <td class="nowrap" data-label=t(Msg::FieldAfm)>{h.afm.clone()}</td>
                            <td class="num" data-label=t(Msg::DebtorOpenDebts)>{h.open_debts}</td>
                            <td class="num nowrap" data-label=t(Msg::DebtorOpenPrincipal)>{euros(h.open_principal)}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="stack-on-phone debtors">
                            <thead><tr>
                                <th scope="col">{t(Msg::DebtorName)}</th>
                                <th scope="col">{t(Msg::FieldAfm)}</th>
                                <th scope="col">{t(Msg::DebtorOpenDebts)}</th>
                                <th scope="col">{t(Msg::DebtorOpenPrincipal)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffDebtorPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    let id = param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(card) = staff_debtor_card(id.clone()).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let notices = crate::api::notices::staff_notices(id).await.unwrap_or_default();
                let title = format!("{} · {}", t(Msg::DebtorCardTitle), card.name);
                view! {
                    <PageTitle text=title.clone() />
                    <h1>{title}</h1>
                    {staff_nav()}
                    {debtor_card(card, true)}
                    <h2>{t(Msg::NavNotices)}</h2>
                    {super::notices::notice_table(&notices, t(Msg::NavNotices).to_owned())}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// The kinds a debt can be, for the form.
fn kind_options() -> Vec<(&'static str, Msg)> {
    DebtKind::ALL
        .iter()
        .map(|k| (k.as_str(), debt_kind_label(*k)))
        .collect()
}

/// The entry or correction form; `debt` fills it for a correction.
fn debt_form(
    action: ServerAction<SaveDebt>,
    state: FormState,
    categories: Vec<DebtCategory>,
    debt: Option<StaffDebt>,
) -> impl IntoView {
    let lang = use_lang();
    let d = debt.as_ref();
    let typed = |field: &str, stored: Option<String>| state.value(field).or(stored);
    let id = d.map(|d| d.debt.id.clone()).unwrap_or_default();
    let category = typed("category", d.map(|d| d.debt.category.code.clone())).unwrap_or_default();
    let reference = typed("reference", d.and_then(|d| d.debt.reference.clone()));
    let afm = typed("afm", d.map(|d| d.afm.clone()));
    let debtor_name = typed("debtor_name", d.map(|d| d.debtor_name.clone()));
    let kind = typed("kind", d.map(|d| d.debt.kind.as_str().to_owned()));
    let description = typed("description", d.map(|d| d.debt.description.clone()));
    let principal = typed(
        "principal",
        d.map(|d| d.debt.due.principal.as_decimal().to_string()),
    );
    let due_date = typed("due_date", d.map(|d| d.debt.due_date.clone()));
    let certified_on = typed("certified_on", d.and_then(|d| d.certified_on.clone()));
    let is_correction = debt.is_some();
    let category_error = state.error("category");
    let options = categories
        .into_iter()
        .map(|c| {
            let selected = c.code == category;
            view! { <option value=c.code.clone() selected=selected>{c.name(lang).to_owned()}</option> }
        })
        .collect_view();
    view! {
        <ErrorSummary state=state.clone() />
        <ActionForm action=action>
            <input type="hidden" name="debt_id" value=id />
            <Field name="reference" label=Msg::DebtReference autocomplete="off" error=state.error("reference") value=reference required=true />
            <Field name="afm" label=Msg::FieldAfm autocomplete="off" error=state.error("afm") value=afm required=true />
            <Field name="debtor_name" label=Msg::DebtorName autocomplete="off" error=state.error("debtor_name") value=debtor_name required=true />
            <crate::components::Choice name="kind" label=Msg::DebtKindLabel options=kind_options() error=state.error("kind") value=kind />
            <div class=if category_error.is_some() { "field field--error" } else { "field" }>
                <label for="category">{t(Msg::DebtCategory)}</label>
                {category_error.clone().map(|e| view! { <p class="field-error" id="category-error">{e}</p> })}
                <select id="category" name="category" aria-invalid=category_error.is_some().then_some("true") aria-describedby=category_error.is_some().then_some("category-error")>
                    <option value="">{t(Msg::ChooseOption)}</option>
                    {options}
                </select>
            </div>
            <Field name="description" label=Msg::TaxDescription autocomplete="off" error=state.error("description") value=description required=true />
            <Field name="principal" label=Msg::FinePrincipal hint=Msg::TaxAmountHint autocomplete="off" error=state.error("principal") value=principal required=true />
            <Field name="due_date" label=Msg::TaxDueDate kind="date" error=state.error("due_date") value=due_date required=true />
            <Field name="certified_on" label=Msg::TaxCertifiedOn kind="date" error=state.error("certified_on") value=certified_on />
            <button type="submit" class="button">{t(if is_correction { Msg::DebtCorrectButton } else { Msg::DebtSaveButton })}</button>
        </ActionForm>
    }
}

#[component]
pub fn NewDebtPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    let save = ServerAction::<SaveDebt>::new();
    let state = FormState::from_result(save.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::DebtNewTitle) />
        <h1>{t(Msg::DebtNewTitle)}</h1>
        {staff_nav()}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let categories = debt_categories().await.unwrap_or_default();
                debt_form(save, state, categories, None)
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffDebtPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    let save = ServerAction::<SaveDebt>::new();
    let cancel = ServerAction::<CancelDebt>::new();
    let state = FormState::from_result(save.value().get_untracked());
    let cancel_state = FormState::from_result(cancel.value().get_untracked());
    let saved = query("saved").map(|s| {
        if s == "cancelled" {
            Msg::DebtCancelled
        } else {
            Msg::DebtSaved
        }
    });
    let id = param("id");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(debt) = debt_for_staff(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let lang = use_lang();
                let title = format!("{} {}", t(Msg::DebtTitle), debt.debt.reference.clone().unwrap_or_default());
                let events = debt
                    .events
                    .iter()
                    .map(|e| view! {
                        <tr>
                            <td class="nowrap">{format_local(e.at_ms, lang)}</td>
                            <td>{e.actor.clone()}</td>
                            <td>{e.action.clone()}</td>
                            <td>{e.detail.clone().unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view();
                let open = !matches!(debt.debt.state, DebtState::Paid | DebtState::Cancelled);
                let card = debt.debtor_id.clone().map(|id| view! { <p><a href=format!("/staff/debtor/{id}")>{t(Msg::DebtorCardTitle)} " · " {debt.debtor_name.clone()}</a></p> });
                let categories = debt.categories.clone();
                let debt_id = debt.debt.id.clone();
                view! {
                    <PageTitle text=title.clone() />
                    <h1>{title}</h1>
                    {staff_nav()}
                    {saved.map(|msg| view! { <Notice msg=msg /> })}
                    {card}
                    {debt_table([&debt.debt], false, t(Msg::DebtTitle).to_owned())}
                    <h2>{t(Msg::DebtHistory)}</h2>
                    <div class="table-wrap">
                        <table class="debt-events">
                            <thead><tr>
                                <th scope="col">{t(Msg::ColumnDate)}</th>
                                <th scope="col">{t(Msg::DebtActor)}</th>
                                <th scope="col">{t(Msg::DebtAction)}</th>
                                <th scope="col">{t(Msg::ColumnDetail)}</th>
                            </tr></thead>
                            <tbody>{events}</tbody>
                        </table>
                    </div>
                    {open.then(|| view! {
                        <h2>{t(Msg::DebtCorrectTitle)}</h2>
                        {debt_form(save, state.clone(), categories.clone(), Some(debt.clone()))}
                        <h2>{t(Msg::DebtCancelTitle)}</h2>
                        <ErrorSummary state=cancel_state.clone() />
                        <ActionForm action=cancel>
                            <input type="hidden" name="debt_id" value=debt_id.clone() />
                            <crate::components::TextArea name="cancel_reason" label=Msg::DebtCancelReason max=500 rows=3 error=cancel_state.error("cancel_reason") value=cancel_state.value("cancel_reason") />
                            <button type="submit" class="button button--secondary">{t(Msg::DebtCancelButton)}</button>
                        </ActionForm>
                    })}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn DebtReportPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    let year = query("year").and_then(|y| y.parse::<i64>().ok());
    view! {
        <PageTitle text=t(Msg::DebtReportTitle) />
        <h1>{t(Msg::DebtReportTitle)}</h1>
        {staff_nav()}
        <p>{t(Msg::DebtReportIntro)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(report) = posted_and_collected(year).await else {
                    return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any();
                };
                let lang = use_lang();
                let years = report
                    .years
                    .iter()
                    .map(|y| {
                        let here = (*y == report.year).then_some("page");
                        view! { <li><a href=format!("/staff/debts/report?year={y}") aria-current=here>{*y}</a></li> }
                    })
                    .collect_view();
                let rows = report
                    .rows
                    .iter()
                    .map(|r| view! {
                        <tr>
                            <td>{r.category.name(lang).to_owned()}</td>
                            <td class="num">{format!("{:02}/{}", r.month, report.year)}</td>
                            <td class="num nowrap">{euros(r.posted)}</td>
                            <td class="num nowrap">{euros(r.collected)}</td>
                        </tr>
                    })
                    .collect_view();
                let empty = report.rows.is_empty();
                view! {
                    <nav aria-label=t(Msg::DebtReportYears)><ul class="inline-list">{years}</ul></nav>
                    <p><a href=format!("/staff/debts/report.csv?year={}", report.year)>{t(Msg::TaxExportCsv)}</a></p>
                    {if empty {
                        view! { <p>{t(Msg::DebtReportEmpty)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table class="debt-report">
                                    <caption>{t(Msg::DebtReportTitle)} " " {report.year}</caption>
                                    <thead><tr>
                                        <th scope="col">{t(Msg::DebtCategory)}</th>
                                        <th scope="col">{t(Msg::DebtReportMonth)}</th>
                                        <th scope="col">{t(Msg::DebtReportPosted)}</th>
                                        <th scope="col">{t(Msg::DebtReportCollected)}</th>
                                    </tr></thead>
                                    <tbody>{rows}</tbody>
                                    <tfoot><tr>
                                        <th scope="row" colspan="2">{t(Msg::DebtsOverallTotal)}</th>
                                        <td class="num nowrap"><strong>{euros(report.posted)}</strong></td>
                                        <td class="num nowrap"><strong>{euros(report.collected)}</strong></td>
                                    </tr></tfoot>
                                </table>
                            </div>
                        }
                        .into_any()
                    }}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn DebtImportPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    view! {
        <PageTitle text=t(Msg::DebtImportTitle) />
        <h1>{t(Msg::DebtImportTitle)}</h1>
        {staff_nav()}
        <p>{t(Msg::DebtImportIntro)}</p>
        <p class="hint">{t(Msg::DebtImportColumns)}</p>
        <form method="post" action="/staff/debts/import" enctype="multipart/form-data">
            <div class="field">
                <label for="file">{t(Msg::FinesImportFile)}</label>
                <input id="file" name="file" type="file" accept=".csv,text/csv" required=true />
            </div>
            <button type="submit" class="button">{t(Msg::FinesImportButton)}</button>
        </form>
    }
    .into_any()
}

#[component]
pub fn DebtImportStatusPage() -> impl IntoView {
    if let Err(page) = with_role(DEBT_STAFF) {
        return page;
    }
    let id = param("id");
    view! {
        <PageTitle text=t(Msg::DebtImportTitle) />
        <h1>{t(Msg::DebtImportTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(import) = debt_import_status(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                import_status(import).into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// The progress bar while an import runs (the page reloads itself every two seconds, with
/// or without JavaScript), the report at the end.
fn import_status(import: DebtImportView) -> impl IntoView {
    let percent = import.percent();
    match import.stage {
        ImportStage::Running => view! {
            <leptos_meta::Meta http_equiv="refresh" content="2" />
            <p role="status">{t(Msg::DebtImportRunning)}</p>
            <progress max="100" value=percent.to_string() aria-label=t(Msg::DebtImportProgress)>{format!("{percent} %")}</progress>
            <p class="hint">{format!("{} / {} · {percent} %", import.done_rows, import.total_rows)}</p>
        }
        .into_any(),
        ImportStage::Failed => view! {
            <div class="notice notice--warning" role="alert"><p>{t(Msg::DebtImportFailed)}</p></div>
            <p><a href="/staff/debts/import">{t(Msg::DebtImportTitle)}</a></p>
        }
        .into_any(),
        ImportStage::Done => {
            let report = crate::views::imports::ImportView {
                id: import.id.clone(),
                imported: import.added + import.updated,
                problems: import.problems.clone(),
                reconciled: Vec::new(),
            };
            view! {
                <div class="notice" role="status"><p>{t(Msg::DebtImportDone)}</p></div>
                <dl class="summary import-counts">
                    <dt>{t(Msg::DebtImportAdded)}</dt><dd class="added">{import.added}</dd>
                    <dt>{t(Msg::DebtImportUpdated)}</dt><dd class="updated">{import.updated}</dd>
                    <dt>{t(Msg::DebtImportUnchanged)}</dt><dd class="unchanged">{import.unchanged}</dd>
                </dl>
                {super::imports::import_report(report, Msg::DebtReference)}
                <p><a href="/staff/debts">{t(Msg::StaffDebtsTitle)}</a></p>
            }
            .into_any()
        }
    }
}

#[component]
pub fn DebtCategoriesPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Admin]) {
        return page;
    }
    let add = ServerAction::<AddDebtCategory>::new();
    let state = FormState::from_result(add.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::DebtCategoriesTitle) />
        <h1>{t(Msg::DebtCategoriesTitle)}</h1>
        {query("saved").map(|_| view! { <Notice msg=Msg::CatalogueSaved /> })}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let lang = use_lang();
                let rows = debt_categories()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| view! { <tr><td><code>{c.code.clone()}</code></td><td lang="el">{c.name_el.clone()}</td><td lang="en">{c.name_en.clone()}</td></tr> })
                    .collect_view();
                let _ = lang;
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::TaxCategoryCode)}</th>
                                <th scope="col">{t(Msg::TaxCategoryNameEl)}</th>
                                <th scope="col">{t(Msg::TaxCategoryNameEn)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </Suspense>
        <h2>{t(Msg::DebtCategoryAddTitle)}</h2>
        <ErrorSummary state=state.clone() />
        <ActionForm action=add>
            <Field name="code" label=Msg::TaxCategoryCode hint=Msg::TaxCategoryCodeHint autocomplete="off" error=state.error("code") value=state.value("code") required=true />
            <Field name="name_el" label=Msg::TaxCategoryNameEl autocomplete="off" error=state.error("name_el") value=state.value("name_el") required=true />
            <Field name="name_en" label=Msg::TaxCategoryNameEn autocomplete="off" error=state.error("name_en") value=state.value("name_en") required=true />
            <button type="submit" class="button">{t(Msg::TaxCategoryAddButton)}</button>
        </ActionForm>
    }
    .into_any()
}
