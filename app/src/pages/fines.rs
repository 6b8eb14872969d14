//! Traffic fines pages: the citizen's two steps (municipality and type, then the ticket's
//! details), a ticket's page with today's amount and the card payment, and the staff
//! registry with search, CSV import and review of citizen-registered tickets.

use super::guard::{query, send_to_sign_in, with_role};
use crate::api::fines::*;
use crate::api::payments::Pay;
use crate::components::form::row_field_id;
use crate::components::{ErrorSummary, Field, FormState, Notice};
use crate::components::{PageTitle, PayButtons};
use crate::domain::account::Role;
use crate::domain::account::MAX_NOTE_CHARS;
use crate::domain::fine::{Review, TicketStatus};
use crate::domain::money::MAX_INPUT_CHARS as MAX_AMOUNT_CHARS;
use crate::domain::time::format_iso_date;
use crate::error::AppError;
use crate::i18n::labels::{euros, ticket_label, ticket_status_label};
use crate::i18n::{t, use_lang, Msg};
use crate::views::fines::{TicketTypeLine, TicketView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Step 1: the municipality code and the ticket type, as a GET form.
fn step_one_form(
    types: Vec<TicketTypeLine>,
    state: &FormState,
    code: Option<String>,
    kind: Option<String>,
) -> impl IntoView {
    let current = state.value("ticket_type").or(kind).unwrap_or_default();
    let type_error = state.error("ticket_type");
    let has_type_error = type_error.is_some();
    let options = types
        .into_iter()
        .map(|k| {
            let label = format!("{} — {} ({})", k.code, k.description, euros(k.amount));
            view! { <option value=k.code.clone() selected=current == k.code>{label}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/fines">
            <h2>{t(Msg::FinesStepOne)}</h2>
            <Field name="municipality_code" label=Msg::FieldMunicipalityCode autocomplete="off" error=state.error("municipality_code") value=state.value("municipality_code").or(code) required=true />
            <div class=if has_type_error { "field field--error" } else { "field" }>
                <label for="ticket_type">{t(Msg::FieldTicketType)}</label>
                {type_error.map(|e| view! { <p class="field-error" id="ticket_type-error">{e}</p> })}
                <select id="ticket_type" name="ticket_type">
                    <option value="">"—"</option>
                    {options}
                </select>
            </div>
            <button type="submit" class="button">{t(Msg::FinesContinue)}</button>
        </form>
    }
}

#[component]
pub fn FinesPage() -> impl IntoView {
    // Open to everyone: a ticket is paid with or without an account.
    let (code, kind) = (query("municipality_code"), query("ticket_type"));
    let find = ServerAction::<FindFine>::new();
    let find_state = FormState::from_result(find.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::ServiceFinesTitle) />
        <crate::components::PageDescription text=Msg::MetaFines />
        <h1>{t(Msg::ServiceFinesTitle)}</h1>
        <p>{t(Msg::FinesIntro)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let types = ticket_types().await.unwrap_or_default();
                let (Some(code_value), Some(kind_value)) = (code.clone(), kind.clone()) else {
                    return step_one_form(types, &FormState::default(), code, kind).into_any();
                };
                let chosen = match fine_step_one(code_value.clone(), kind_value.clone()).await {
                    Ok(chosen) => chosen,
                    Err(error @ AppError::Validation(_)) => {
                        let state = FormState::from_result::<()>(Some(Err(error)));
                        return view! {
                            <ErrorSummary state=state.clone() />
                            {step_one_form(types, &state, code, kind)}
                        }
                        .into_any();
                    }
                    Err(_) => return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any(),
                };
                let state = find_state;
                let (ticket_number, plate, date, time) = (state.value("ticket_number"), state.value("plate"), state.value("date"), state.value("time"));
                view! {
                    <ErrorSummary state=state.clone() />
                    <dl class="summary">
                        <dt>{t(Msg::FieldMunicipalityCode)}</dt><dd>{code_value.clone()}</dd>
                        <dt>{t(Msg::FieldTicketType)}</dt><dd>{chosen.code.clone()} " — " {chosen.description.clone()}</dd>
                        <dt>{t(Msg::FinesAmountForType)}</dt><dd><strong>{euros(chosen.amount)}</strong></dd>
                    </dl>
                    <p><a href="/fines">{t(Msg::FinesChangeStepOne)}</a></p>
                    <ActionForm action=find>
                        <h2>{t(Msg::FinesStepTwo)}</h2>
                        <input type="hidden" name="municipality_code" value=code_value.clone() />
                        <input type="hidden" name="ticket_type" value=chosen.code.clone() />
                        <Field name="ticket_number" label=Msg::FieldTicketNumber autocomplete="off" error=state.error("ticket_number") value=ticket_number required=true />
                        <Field name="plate" label=Msg::FieldPlate hint=Msg::FieldPlateHint autocomplete="off" error=state.error("plate") value=plate required=true />
                        <Field name="date" label=Msg::FieldOffenceDate kind="date" autocomplete="off" error=state.error("date") value=date required=true />
                        <Field name="time" label=Msg::FieldOffenceTime autocomplete="off" error=state.error("time") value=time required=true />
                        <button type="submit" class="button">{t(Msg::FinesFind)}</button>
                    </ActionForm>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// The ticket's registered details.
fn ticket_details(fine: &TicketView) -> impl IntoView {
    view! {
        <dl class="summary">
            <dt>{t(Msg::FieldTicketNumber)}</dt><dd>{fine.ticket_number.clone()}</dd>
            <dt>{t(Msg::FieldTicketType)}</dt><dd>{fine.type_description.clone()}</dd>
            <dt>{t(Msg::FieldPlate)}</dt><dd>{fine.plate.clone()}</dd>
            <dt>{t(Msg::FieldOffenceDate)}</dt><dd>{format_iso_date(&fine.offence_date, use_lang())} " " {fine.offence_time.clone()}</dd>
            {fine.location.clone().map(|l| view! { <dt>{t(Msg::FineLocation)}</dt><dd>{l}</dd> })}
            <dt>{t(Msg::ColumnStatus)}</dt><dd>{t(ticket_status_label(fine.status))}</dd>
        </dl>
    }
}

#[component]
pub fn FinePage() -> impl IntoView {
    // The ticket is shown to whoever proved it (signed in, or a guest with their pass).
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let pay = ServerAction::<Pay>::new();
    let pay_state = FormState::from_result(pay.value().get_untracked());
    view! {
        <ErrorSummary state=pay_state.clone() labels=&[("email", Msg::GuestReceiptEmail)] />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let fine = match fine_view(id).await {
                    Ok(fine) => fine,
                    Err(AppError::Unauthenticated) => {
                        send_to_sign_in();
                        return ().into_any();
                    }
                    Err(_) => return view! { <super::NotFound /> }.into_any(),
                };
                let guest = crate::auth::current_user().is_none();
                let fine_id = fine.id.clone();
                let body = match fine.status {
                    TicketStatus::Paid => {
                        let receipt = fine.paid_by.clone().map(|payment| view! {
                            <p><a href=format!("/payments/{payment}/receipt")>{t(Msg::ReceiptDoc)} " " {fine.receipt.clone().unwrap_or_default()}</a></p>
                        });
                        view! { <p class="notice" role="status">{t(Msg::FinePaid)}</p> {receipt} }.into_any()
                    }
                    TicketStatus::Rejected => view! { <p>{t(Msg::FineRejected)} " " {fine.review_note.clone().unwrap_or_default()}</p> }.into_any(),
                    TicketStatus::Processing => view! { <p role="status">{t(Msg::FineBeingPaid)}</p> }.into_any(),
                    TicketStatus::Unpaid => match (fine.total, fine.adjustment) {
                        (Some(total), Some(adjustment)) => view! {
                            <dl class="summary">
                                <dt>{t(Msg::FinePrincipal)}</dt><dd>{euros(fine.principal)}</dd>
                                <dt>{t(Msg::FineAdjustment)}</dt><dd>{euros(adjustment)}</dd>
                                <dt>{t(Msg::FineTotal)}</dt><dd><strong class="fine-total">{euros(total)}</strong></dd>
                            </dl>
                            <p>{t(Msg::FineAmountNow)}</p>
                            <ActionForm action=pay>
                                <input type="hidden" name="kind" value="fine" />
                                <input type="hidden" name="purpose_id" value=fine_id />
                                {guest.then(|| view! {
                                    <p>{t(Msg::GuestNoAccountNote)}</p>
                                    <Field name="email" label=Msg::GuestReceiptEmail kind="email" autocomplete="email"
                                        hint=Msg::GuestReceiptEmailHint error=pay_state.error("email")
                                        value=pay_state.value("email") />
                                })}
                                <PayButtons amount=euros(total) />
                            </ActionForm>
                        }
                        .into_any(),
                        _ => view! { <p>{t(Msg::ErrOffenceTooOld).replace("{days}", &fine.payable_days.to_string())}</p> }.into_any(),
                    },
                };
                view! {
                    <PageTitle text=t(Msg::FineTitle) />
                    <h1>{t(Msg::FineTitle)} " " {fine.ticket_number.clone()}</h1>
                    {(fine.registered_by_citizen && fine.status != TicketStatus::Paid).then(|| view! { <p>{t(Msg::FineRegisteredByCitizen)}</p> })}
                    {ticket_details(&fine)}
                    {body}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffFinesPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Clerk, Role::Cashier]) {
        return page;
    }
    let (q, status) = (query("q"), query("status"));
    let review = ServerAction::<ReviewFine>::new();
    let review_state = FormState::from_result(review.value().get_untracked());
    let statuses = vec![
        ("unpaid", Msg::FineStatusUnpaid),
        ("paid", Msg::FineStatusPaid),
        ("pending", Msg::FineStatusPending),
        ("rejected", Msg::FineStatusRejected),
    ];
    view! {
        <PageTitle text=t(Msg::StaffFinesTitle) />
        <h1>{t(Msg::StaffFinesTitle)}</h1>
        {query("reviewed").map(|_| view! { <Notice msg=Msg::FinesReviewed /> })}
        <ErrorSummary state=review_state.clone() row=review_state.value("id")
            labels=&[("amount", Msg::FinesReviewAmount), ("note", Msg::FinesReviewNote)] />
        <form method="get" action="/staff/fines" class="filters">
            <Field name="q" label=Msg::StaffFinesSearch kind="search" maxlength=crate::domain::submission::MAX_SEARCH_CHARS autocomplete="off" value=q.clone() />
            {crate::components::filter_select("status", Msg::ColumnStatus, statuses, status.clone())}
            <button type="submit" class="button button--secondary">{t(Msg::InboxFilterButton)}</button>
        </form>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let fines = staff_fines(q, status.clone()).await.unwrap_or_default();
                if fines.is_empty() {
                    return view! { <p>{t(Msg::StaffFinesNone)}</p> }.into_any();
                }
                let reviewing = status.as_deref() == Some("pending");
                let failed_row = review_state.value("id");
                let rows = fines
                    .into_iter()
                    .map(|f| {
                        let label = ticket_label(f.status, f.review);
                        // What was typed, and what is wrong, belong to the row that failed only.
                        let failed = failed_row.as_deref() == Some(f.id.as_str());
                        let field = |name: &str| failed.then(|| (review_state.error(name), review_state.value(name)));
                        let (amount_error, typed_amount) = field("amount").unwrap_or_default();
                        let (note_error, typed_note) = field("note").unwrap_or_default();
                        let (id_a, id_b) = (f.id.clone(), f.id.clone());
                        let note_id = row_field_id("note", &f.id);
                        let amount_id = row_field_id("amount", &f.id);
                        let form = (reviewing && f.review == Review::Pending).then(move || {
                            let amount_error_id = format!("{amount_id}-error");
                            let note_error_id = format!("{note_id}-error");
                            view! {
                                <ActionForm action=review>
                                    <input type="hidden" name="id" value=id_a />
                                    <label for=amount_id.clone()>{t(Msg::FinesReviewAmount)}</label>
                                    {amount_error.clone().map(|e| view! { <p class="field-error" id=amount_error_id.clone()>{e}</p> })}
                                    <input id=amount_id name="amount" inputmode="decimal" autocomplete="off" maxlength=MAX_AMOUNT_CHARS value=typed_amount
                                        aria-invalid=amount_error.is_some().then_some("true")
                                        aria-describedby=amount_error.is_some().then_some(amount_error_id.clone()) />
                                    <label for=note_id.clone()>{t(Msg::FinesReviewNote)}</label>
                                    {note_error.clone().map(|e| view! { <p class="field-error" id=note_error_id.clone()>{e}</p> })}
                                    <input id=note_id name="note" autocomplete="off" maxlength=MAX_NOTE_CHARS value=typed_note
                                        aria-invalid=note_error.is_some().then_some("true")
                                        aria-describedby=note_error.is_some().then_some(note_error_id.clone()) />
                                    <button type="submit" name="decision" value="confirm" class="button">{t(Msg::FinesReviewConfirm)}</button>
                                    " "
                                    <button type="submit" name="decision" value="reject" class="button button--secondary" data-id=id_b>{t(Msg::FinesReviewReject)}</button>
                                </ActionForm>
                            }
                        });
                        let police = (!f.discrepancy.is_empty()).then(|| {
                            let fields = f.discrepancy.iter().map(|d| t(super::imports::discrepancy_label(d))).collect::<Vec<_>>().join(", ");
                            let amount = f.police_amount.map(|c| view! { " · " {t(Msg::FinePoliceAmount)} " " {euros(c)} });
                            view! { <p class="field-error">{t(Msg::FinePoliceDiffers)} " " {fields} {amount}</p> }.into_any()
                        });
                        view! {
                            <tr>
                                <td><a href=format!("/fines/{}", f.id)>{f.ticket_number.clone()}</a></td>
                                <td class="nowrap">{f.plate.clone()}</td>
                                <td class="nowrap">{format_iso_date(&f.offence_date, use_lang())} " " {f.offence_time.clone()}</td>
                                <td>{f.type_description.clone()}</td>
                                <td class="num nowrap">{euros(f.principal)}</td>
                                <td>{t(label)} {f.receipt.clone().map(|r| view! { " · " {r} })} {police} {form}</td>
                            </tr>
                        }
                        .into_any()
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::FieldTicketNumber)}</th>
                                    <th scope="col">{t(Msg::FieldPlate)}</th>
                                    <th scope="col">{t(Msg::ColumnDate)}</th>
                                    <th scope="col">{t(Msg::FieldTicketType)}</th>
                                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                                    <th scope="col">{t(Msg::ColumnStatus)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
        <h2>{t(Msg::FinesImportHeading)}</h2>
        <p class="hint" id="import-hint">{t(Msg::FinesImportHint)}</p>
        <form method="post" action="/staff/fines/import" enctype="multipart/form-data">
            <div class="field">
                <label for="file">{t(Msg::FinesImportFile)}</label>
                <input id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="import-hint" required=true />
            </div>
            <button type="submit" class="button">{t(Msg::FinesImportButton)}</button>
        </form>
        <p><a href="/staff/fines?status=pending">{t(Msg::FinesReviewHeading)}</a></p>
    }
    .into_any()
}

#[component]
pub fn FineImportPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Clerk, Role::Cashier]) {
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
                let Ok(report) = fine_import_report(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                view! {
                    {super::imports::import_report(report, Msg::FieldTicketNumber)}
                    <p><a href="/staff/fines">{t(Msg::StaffFinesTitle)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
