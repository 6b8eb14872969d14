//! Staff pages of the municipal tax: the declarations list with filters and CSV export, a
//! business's file, entering and importing certified debts and warrants, import reports,
//! and the admin's rates and settings (versioned by date).

use super::business::{label_of, VAT_OPTIONS};
use super::guard::{query, with_role};
use super::tax::{debts_table, period_label, warrants_table};
use crate::api::tax::*;
use crate::api::tax_rates::*;
use crate::components::PageTitle;
use crate::components::{ErrorSummary, Field, FormState, Notice};
use crate::domain::account::Role;
use crate::i18n::labels::{declaration_state_label, euros, verification_label};
use crate::i18n::{percent_encode, t, use_lang, Msg};
use crate::views::tax::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const TAX_STAFF: &[Role] = &[Role::Clerk, Role::Cashier];

fn declarations_table(rows: Vec<Declaration>, with_business: bool) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{t(Msg::TaxHistoryNone)}</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .map(|d| {
            let business = with_business.then(|| view! {
                <td><a href=format!("/staff/tax/businesses/{}", d.business_id)>{d.business_name.clone()}</a> " " <span class="nowrap">{d.business_afm.clone()}</span></td>
            });
            let late = (d.late_months > 0).then(|| view! { " " <span class="tag">{t(Msg::TaxLateTag)}</span> });
            let amended = (d.revision > 0).then(|| view! { " " <span class="tag">{t(Msg::TaxAmended)}</span> });
            view! {
                <tr>
                    {business}
                    <td class="nowrap"><a href=format!("/business/tax/declarations/{}", d.id)>{period_label(&d.period_kind, d.period_number, d.period_year)}</a>{amended}</td>
                    <td class="num nowrap">{euros(d.revenue)}</td>
                    <td class="num nowrap">{euros(d.tax_due)}</td>
                    <td class="num nowrap">{euros(d.fine)}{late}</td>
                    <td class="num nowrap">{euros(d.total)}</td>
                    <td>{t(declaration_state_label(d.state))}</td>
                    <td>{d.receipt.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let business_head = with_business.then(|| view! { <th scope="col">{t(Msg::TaxBusiness)}</th> });
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        {business_head}
                        <th scope="col">{t(Msg::TaxPeriod)}</th>
                        <th scope="col">{t(Msg::TaxRevenue)}</th>
                        <th scope="col">{t(Msg::TaxAmount)}</th>
                        <th scope="col">{t(Msg::TaxFine)}</th>
                        <th scope="col">{t(Msg::TaxTotal)}</th>
                        <th scope="col">{t(Msg::ColumnStatus)}</th>
                        <th scope="col">{t(Msg::ReceiptNumberPlain)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn StaffTaxPage() -> impl IntoView {
    if let Err(page) = with_role(TAX_STAFF) {
        return page;
    }
    let (year, period, state, business, late) = (
        query("year"),
        query("period"),
        query("state"),
        query("business"),
        query("late"),
    );
    let states = vec![
        ("awaiting_payment", Msg::TaxStateAwaiting),
        ("accepted", Msg::TaxStateAccepted),
        ("rejected", Msg::TaxStateRejected),
    ];
    let lateness = vec![("yes", Msg::TaxLateYes), ("no", Msg::TaxLateNo)];
    let export = {
        let pairs = [
            ("year", &year),
            ("period", &period),
            ("state", &state),
            ("business", &business),
            ("late", &late),
        ];
        let query: Vec<String> = pairs
            .iter()
            .filter_map(|(k, v)| {
                v.as_ref()
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{k}={}", percent_encode(v, false)))
            })
            .collect();
        format!("/staff/tax/declarations.csv?{}", query.join("&"))
    };
    view! {
        <PageTitle text=t(Msg::StaffTaxTitle) />
        <h1>{t(Msg::StaffTaxTitle)}</h1>
        <ul class="inline-list">
            <li><a href="/staff/tax/records">{t(Msg::StaffTaxRecordsLink)}</a></li>
            <li><a href="/staff/tax/rates">{t(Msg::StaffTaxRatesLink)}</a></li>
        </ul>
        <form method="get" action="/staff/tax" class="filters">
            <Field name="year" label=Msg::TaxYear autocomplete="off" value=year.clone() />
            <Field name="period" label=Msg::TaxPeriodNumber autocomplete="off" value=period.clone() />
            {crate::components::filter_select("state", Msg::ColumnStatus, states, state.clone())}
            <Field name="business" label=Msg::TaxBusinessSearch kind="search" maxlength=crate::domain::submission::MAX_SEARCH_CHARS autocomplete="off" value=business.clone() />
            {crate::components::filter_select("late", Msg::TaxLateFilter, lateness, late.clone())}
            <button type="submit" class="button button--secondary">{t(Msg::InboxFilterButton)}</button>
        </form>
        <p><a href=export>{t(Msg::TaxExportCsv)}</a></p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let rows = staff_declarations(year, period, state, business, late).await.unwrap_or_default();
                declarations_table(rows, true)
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffBusinessFilePage() -> impl IntoView {
    let user = match with_role(TAX_STAFF) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let mark_paid = ServerAction::<MarkWarrantPaid>::new();
    let is_cashier = user.role == Role::Cashier;
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(file) = staff_business_file(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let b = file.business.clone();
                let verification = verification_label(b.verification);
                let marking = is_cashier.then(|| (mark_paid, b.id.clone()));
                view! {
                    <PageTitle text=b.name.clone() />
                    <h1>{b.name.clone()}</h1>
                    <dl class="summary">
                        <dt>{t(Msg::FieldAfm)}</dt><dd>{b.afm.clone()}</dd>
                        <dt>{t(Msg::FieldActivity)}</dt><dd>{file.activity_label.clone()}</dd>
                        <dt>{t(Msg::FieldVatPeriod)}</dt><dd>{label_of(&VAT_OPTIONS, &b.vat_period)}</dd>
                        <dt>{t(Msg::VerificationHeading)}</dt><dd>{t(verification)} {b.verification_note.clone().map(|n| view! { " · " {n} })}</dd>
                    </dl>
                    <h2>{t(Msg::TaxDeclarationsTitle)}</h2>
                    {declarations_table(file.declarations.clone(), false)}
                    <h2>{t(Msg::TaxDebtsTitle)}</h2>
                    {debts_table(file.debts.clone())}
                    <h2>{t(Msg::TaxWarrantsTitle)}</h2>
                    {warrants_table(file.warrants.clone(), marking)}
                    <p><a href="/staff/tax">{t(Msg::StaffTaxTitle)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffTaxRecordsPage() -> impl IntoView {
    let user = match with_role(TAX_STAFF) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let add_warrant = ServerAction::<AddWarrant>::new();
    let warrant = FormState::from_result(add_warrant.value().get_untracked());
    let saved = query("saved").and_then(|s| match s.as_str() {
        "warrant" => Some(Msg::WarrantSaved),
        _ => None,
    });
    let warrant_form = (user.role == Role::Cashier).then(|| view! {
        <h2>{t(Msg::WarrantAddTitle)}</h2>
        <ErrorSummary state=warrant.clone() />
        <ActionForm action=add_warrant>
            <Field name="warrant_afm" label=Msg::FieldAfm autocomplete="off" error=warrant.error("warrant_afm") value=warrant.value("warrant_afm") required=true />
            <Field name="warrant_number" label=Msg::WarrantNumber autocomplete="off" error=warrant.error("warrant_number") value=warrant.value("warrant_number") required=true />
            <Field name="warrant_date" label=Msg::WarrantDate kind="date" error=warrant.error("warrant_date") value=warrant.value("warrant_date") required=true />
            <Field name="warrant_description" label=Msg::TaxDescription autocomplete="off" error=warrant.error("warrant_description") value=warrant.value("warrant_description") required=true />
            <Field name="amount" label=Msg::ColumnAmount hint=Msg::TaxAmountHint autocomplete="off" error=warrant.error("amount") value=warrant.value("amount") required=true />
            <button type="submit" class="button">{t(Msg::WarrantAddButton)}</button>
        </ActionForm>
    });
    view! {
        <PageTitle text=t(Msg::StaffTaxRecordsTitle) />
        <h1>{t(Msg::StaffTaxRecordsTitle)}</h1>
        {saved.map(|msg| view! { <Notice msg=msg /> })}
        <p>{t(Msg::TaxDebtsMovedToRegister)} " " <a href="/staff/debts">{t(Msg::StaffDebtsTitle)}</a></p>
        {warrant_form}
        <h2>{t(Msg::TaxImportTitle)}</h2>
        <p>{t(Msg::TaxImportWarrantColumns)}</p>
        <form method="post" action="/staff/tax/import" enctype="multipart/form-data">
            <div class="field">
                <label for="kind">{t(Msg::TaxImportKind)}</label>
                <select id="kind" name="kind">
                    <option value="warrants">{t(Msg::TaxWarrantsTitle)}</option>
                </select>
            </div>
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
pub fn TaxImportReportPage() -> impl IntoView {
    if let Err(page) = with_role(TAX_STAFF) {
        return page;
    }
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    view! {
        <PageTitle text=t(Msg::FinesImportResult) />
        <h1>{t(Msg::FinesImportResult)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(report) = tax_import_report(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                view! {
                    {super::imports::import_report(report, Msg::TaxRecordNumber)}
                    <p><a href="/staff/tax/records">{t(Msg::StaffTaxRecordsTitle)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn TaxRatesPage() -> impl IntoView {
    let user = match with_role(&[Role::Admin, Role::Clerk, Role::Cashier]) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let add_rate = ServerAction::<AddTaxRate>::new();
    let add_category = ServerAction::<AddTaxCategory>::new();
    let category_state = FormState::from_result(add_category.value().get_untracked());
    let add_settings = ServerAction::<AddTaxSettings>::new();
    let rate_state = FormState::from_result(add_rate.value().get_untracked());
    let settings_state = FormState::from_result(add_settings.value().get_untracked());
    let is_admin = user.role == Role::Admin;
    view! {
        <PageTitle text=t(Msg::TaxRatesTitle) />
        <h1>{t(Msg::TaxRatesTitle)}</h1>
        <p>{t(Msg::TaxRatesIntro)}</p>
        {query("saved").map(|_| view! { <Notice msg=Msg::CatalogueSaved /> })}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(view_data) = tax_rates().await else {
                    return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any();
                };
                let lang = use_lang();
                let name_of = |code: &str| {
                    view_data
                        .categories
                        .iter()
                        .find(|c| c.code == code)
                        .map(|c| c.name(lang).to_owned())
                        .unwrap_or_else(|| code.to_owned())
                };
                let pct = |text: &str| {
                    crate::domain::tax::format_percent(text.parse().unwrap_or_default(), lang)
                };
                let rate_rows = view_data
                    .rates
                    .iter()
                    .map(|version| view! {
                        <tr><td>{name_of(&version.category)}</td><td class="nowrap">{crate::domain::time::format_iso_date(&version.valid_from, lang)}</td><td class="num">{pct(&version.rate_percent)}</td></tr>
                    })
                    .collect_view();
                let settings_rows = view_data
                    .settings
                    .iter()
                    .map(|version| view! {
                        <tr><td class="nowrap">{crate::domain::time::format_iso_date(&version.valid_from, lang)}</td><td class="num">{pct(&version.fine_percent_per_month)}</td><td class="num">{pct(&version.fine_cap_percent)}</td><td class="num">{pct(&version.interest_percent_per_month)}</td></tr>
                    })
                    .collect_view();
                let current = rate_state.value("category").unwrap_or_default();
                let category_options = view_data
                    .categories
                    .iter()
                    .map(|c| {
                        let label = c.name(lang).to_owned();
                        view! { <option value=c.code.clone() selected=current == c.code>{label}</option> }
                    })
                    .collect_view();
                let forms = is_admin.then(|| view! {
                    <h2>{t(Msg::TaxCategoryAddTitle)}</h2>
                    <ErrorSummary state=category_state.clone() />
                    <ActionForm action=add_category>
                        <Field name="code" label=Msg::TaxCategoryCode hint=Msg::TaxCategoryCodeHint autocomplete="off" error=category_state.error("code") value=category_state.value("code") required=true />
                        <Field name="name_el" label=Msg::TaxCategoryNameEl autocomplete="off" error=category_state.error("name_el") value=category_state.value("name_el") required=true />
                        <Field name="name_en" label=Msg::TaxCategoryNameEn autocomplete="off" error=category_state.error("name_en") value=category_state.value("name_en") required=true />
                        <Field name="category_rate" label=Msg::TaxRatePercent autocomplete="off" error=category_state.error("category_rate") value=category_state.value("category_rate") required=true />
                        <button type="submit" class="button">{t(Msg::TaxCategoryAddButton)}</button>
                    </ActionForm>
                    <h2>{t(Msg::TaxRateAddTitle)}</h2>
                    <ErrorSummary state=rate_state.clone() />
                    <ActionForm action=add_rate>
                        <div class="field">
                            <label for="category">{t(Msg::TaxCategory)}</label>
                            <select id="category" name="category">{category_options}</select>
                        </div>
                        <Field name="valid_from" label=Msg::CatalogueValidFrom kind="date" error=rate_state.error("valid_from") value=rate_state.value("valid_from") required=true />
                        <Field name="rate" label=Msg::TaxRatePercent autocomplete="off" error=rate_state.error("rate") value=rate_state.value("rate") required=true />
                        <button type="submit" class="button">{t(Msg::CatalogueAddButton)}</button>
                    </ActionForm>
                    <h2>{t(Msg::TaxSettingsAddTitle)}</h2>
                    <ErrorSummary state=settings_state.clone() />
                    <ActionForm action=add_settings>
                        <Field name="settings_from" label=Msg::CatalogueValidFrom kind="date" error=settings_state.error("settings_from") value=settings_state.value("settings_from") required=true />
                        <Field name="fine_percent" label=Msg::TaxFinePerMonth autocomplete="off" error=settings_state.error("fine_percent") value=settings_state.value("fine_percent") required=true />
                        <Field name="fine_cap" label=Msg::TaxFineCap autocomplete="off" error=settings_state.error("fine_cap") value=settings_state.value("fine_cap") required=true />
                        <Field name="interest_percent" label=Msg::TaxInterestPerMonth autocomplete="off" error=settings_state.error("interest_percent") value=settings_state.value("interest_percent") required=true />
                        <button type="submit" class="button">{t(Msg::CatalogueAddButton)}</button>
                    </ActionForm>
                });
                view! {
                    <h2>{t(Msg::TaxRatesByCategory)}</h2>
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::TaxCategory)}</th>
                                <th scope="col">{t(Msg::CatalogueValidFrom)}</th>
                                <th scope="col">{t(Msg::TaxRate)}</th>
                            </tr></thead>
                            <tbody>{rate_rows}</tbody>
                        </table>
                    </div>
                    <h2>{t(Msg::TaxSettingsTitle)}</h2>
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::CatalogueValidFrom)}</th>
                                <th scope="col">{t(Msg::TaxFinePerMonth)}</th>
                                <th scope="col">{t(Msg::TaxFineCap)}</th>
                                <th scope="col">{t(Msg::TaxInterestPerMonth)}</th>
                            </tr></thead>
                            <tbody>{settings_rows}</tbody>
                        </table>
                    </div>
                    {forms}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
