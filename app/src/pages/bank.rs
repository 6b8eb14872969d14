//! The cashier's bank pages: upload the bank's camt.054 file, see what it did, and the
//! transfers waiting in the reconciliation queue with their reasons.

use super::debts::{debt_table, param};
use super::guard::{query, with_role};
use crate::api::bank::*;
use crate::components::{ErrorSummary, Field, FormState, PageTitle};
use crate::domain::account::Role;
use crate::domain::bank::Resolution;
use crate::domain::time::{format_iso_date, format_local};
use crate::i18n::labels::{euros, queue_reason_label, resolution_label, transfer_state_label};
use crate::i18n::{t, use_lang, Msg};
use crate::views::bank::{QueuedTransfer, TransferPage};
use leptos::prelude::*;

const CASHIER: &[Role] = &[Role::Cashier];

/// An amount in its currency (euros as euros are written).
fn transfer_amount(amount: crate::domain::Money, currency: &str) -> String {
    if currency.eq_ignore_ascii_case("EUR") {
        euros(amount)
    } else {
        format!("{} {currency}", amount.as_decimal())
    }
}

fn queue_table(queue: Vec<QueuedTransfer>) -> AnyView {
    if queue.is_empty() {
        return view! { <p>{t(Msg::BankQueueEmpty)}</p> }.into_any();
    }
    let lang = use_lang();
    let rows = queue
        .into_iter()
        .map(|q| {
            let amount = transfer_amount(q.amount, &q.currency);
            view! {
                <tr>
                    <td class="nowrap" data-label=t(Msg::BankBooked)>{q.booked_on.as_deref().map(|d| format_iso_date(d, lang)).unwrap_or_else(|| "—".into())}</td>
                    <td data-label=t(Msg::ReceiptBankRef)><a href=format!("/staff/bank/transfers/{}", q.id)>{q.bank_ref.clone()}</a></td>
                    <td class="rf" data-label=t(Msg::NoticeRf)>{q.reference.clone().unwrap_or_else(|| "—".into())}</td>
                    <td data-label=t(Msg::BankPayer)>{q.payer.clone().unwrap_or_else(|| "—".into())}</td>
                    <td class="num nowrap" data-label=t(Msg::ColumnAmount)>{amount}</td>
                    <td data-label=t(Msg::ColumnReason)>{t(queue_reason_label(q.reason))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(Msg::BankQueueTitle)>
            <table class="stack-on-phone bank-queue">
                <thead><tr>
                    <th scope="col">{t(Msg::BankBooked)}</th>
                    <th scope="col">{t(Msg::ReceiptBankRef)}</th>
                    <th scope="col">{t(Msg::NoticeRf)}</th>
                    <th scope="col">{t(Msg::BankPayer)}</th>
                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                    <th scope="col">{t(Msg::ColumnReason)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn BankPage() -> impl IntoView {
    if let Err(page) = with_role(CASHIER) {
        return page;
    }
    view! {
        <PageTitle text=t(Msg::BankTitle) />
        <h1>{t(Msg::BankTitle)}</h1>
        <p>{t(Msg::BankIntro)}</p>
        <form method="post" action="/staff/bank/import" enctype="multipart/form-data">
            <div class="field">
                <label for="file">{t(Msg::BankFile)}</label>
                <input id="file" name="file" type="file" accept=".xml,application/xml,text/xml" required=true />
            </div>
            <button type="submit" class="button">{t(Msg::BankImportButton)}</button>
        </form>
        <h2>{t(Msg::BankQueueTitle)}</h2>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match bank_queue().await {
                    Ok(queue) => queue_table(queue),
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn BankFilePage() -> impl IntoView {
    if let Err(page) = with_role(CASHIER) {
        return page;
    }
    let id = param("id");
    view! {
        <PageTitle text=t(Msg::BankFileTitle) />
        <h1>{t(Msg::BankFileTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(file) = bank_file(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                view! {
                    <p>{file.file_name.clone().unwrap_or_default()} " · " {format_local(file.imported_at_ms, use_lang())}</p>
                    <dl class="summary bank-counts">
                        <dt>{t(Msg::BankFileTransfers)}</dt><dd class="transfers">{file.transfers}</dd>
                        <dt>{t(Msg::BankFilePaid)}</dt><dd class="paid">{file.paid}</dd>
                        <dt>{t(Msg::BankFileQueued)}</dt><dd class="queued">{file.queued}</dd>
                        <dt>{t(Msg::BankFileKnown)}</dt><dd class="known">{file.known}</dd>
                    </dl>
                    <p><a href="/staff/bank">{t(Msg::BankQueueTitle)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// One queued transfer: what the bank said, and the cashier's ways to resolve it.
#[component]
pub fn BankTransferPage() -> impl IntoView {
    if let Err(page) = with_role(CASHIER) {
        return page;
    }
    let id = param("id");
    let afm = query("afm");
    view! {
        <PageTitle text=t(Msg::BankTransferTitle) />
        <h1>{t(Msg::BankTransferTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match bank_transfer(id.clone(), afm.clone()).await {
                    Ok(page) => transfer_view(page),
                    // A mistyped ΑΦΜ: the transfer again, the box saying what to fix.
                    Err(crate::error::AppError::Validation(errors)) => {
                        match bank_transfer(id, None).await {
                            Ok(page) => transfer_view_with(page, FormState::from_result::<()>(Some(Err(crate::error::AppError::Validation(errors))))),
                            Err(_) => view! { <super::NotFound /> }.into_any(),
                        }
                    }
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn transfer_view(page: TransferPage) -> AnyView {
    transfer_view_with(page, FormState::default())
}

fn transfer_view_with(page: TransferPage, find_state: FormState) -> AnyView {
    let lang = use_lang();
    let transfer = page.transfer;
    let resolve = ServerAction::<ResolveBankTransfer>::new();
    let state = FormState::from_result(resolve.value().get_untracked());
    let pays = transfer.allowed.iter().any(|r| r.pays_debts());
    let booked = transfer
        .booked_on
        .as_deref()
        .map(|d| format_iso_date(d, lang))
        .unwrap_or_else(|| "—".into());
    let outcome = transfer.resolution.map(|r| view! { <dt>{t(Msg::BankOutcome)}</dt><dd class="resolution">{t(resolution_label(r))}</dd> });
    let receipt = transfer.payment_id.clone().zip(transfer.receipt.clone()).map(|(payment, number)| {
        view! { <p><a href=format!("/payments/{payment}/receipt")>{t(Msg::ReceiptTitle)} " " {number}</a></p> }
    });
    let id = transfer.id.clone();
    let has_debts = !page.debts.is_empty();
    let debtor = pays.then(|| {
        let debts = has_debts.then(|| {
            let id = id.clone();
            let afm = page.afm.clone().unwrap_or_default();
            let table = debt_table(page.debts.iter(), true, t(Msg::BankDebtorTitle).to_owned());
            view! {
                <ActionForm action=resolve>
                    <input type="hidden" name="transfer_id" value=id />
                    <input type="hidden" name="afm" value=afm />
                    <p class="hint">{t(Msg::BankDebtsHint)}</p>
                    <div id="debts">{table}</div>
                    <div class="button-row">
                        <button type="submit" name="resolution" value=Resolution::Assigned.as_str() class="button">{t(Msg::BankAssignButton)}</button>
                        <button type="submit" name="resolution" value=Resolution::Partial.as_str() class="button button--secondary">{t(Msg::BankPartButton)}</button>
                    </div>
                </ActionForm>
            }
        });
        let none = (page.afm.is_some() && !has_debts)
            .then(|| view! { <p class="no-debts">{t(Msg::BankNoDebts)}</p> });
        view! {
            <section aria-labelledby="debtor-title">
                <h2 id="debtor-title">{t(Msg::BankDebtorTitle)}</h2>
                <ErrorSummary state=find_state.clone() />
                <form method="get" action=format!("/staff/bank/transfers/{}", transfer.id)>
                    <Field name="afm" label=Msg::FieldAfm hint=Msg::FieldAfmHint error=find_state.error("afm") value=find_state.value("afm").or(page.afm.clone()) required=true maxlength=9 />
                    <button type="submit" class="button button--secondary">{t(Msg::BankShowDebts)}</button>
                </form>
                {none}
                {debts}
            </section>
        }
    });
    let others = transfer
        .allowed
        .iter()
        .copied()
        .filter(|r| !r.pays_debts())
        .map(|r| {
            let id = id.clone();
            let label = match r {
                Resolution::Dismissed => Msg::BankDismissButton,
                _ => Msg::BankRefundButton,
            };
            view! {
                <ActionForm action=resolve>
                    <input type="hidden" name="transfer_id" value=id />
                    <input type="hidden" name="resolution" value=r.as_str() />
                    <button type="submit" class="button button--warning">{t(label)}</button>
                </ActionForm>
            }
        })
        .collect_view();
    let events = transfer
        .events
        .iter()
        .map(|e| {
            let action = Resolution::parse(&e.action)
                .map(|r| t(resolution_label(r)).to_owned())
                .unwrap_or_else(|| e.action.clone());
            view! {
                <li>{format_local(e.at_ms, lang)} " · " {e.actor.clone()} " · " {action}
                    {e.detail.clone().map(|d| format!(" · {d}"))}</li>
            }
        })
        .collect_view();
    let has_events = !transfer.events.is_empty();
    view! {
        <ErrorSummary state=state labels=&[("debts", Msg::BankDebtorTitle)] />
        <dl class="summary transfer">
            <dt>{t(Msg::ReceiptBankRef)}</dt><dd>{transfer.bank_ref.clone()}</dd>
            <dt>{t(Msg::BankBooked)}</dt><dd>{booked}</dd>
            <dt>{t(Msg::ColumnAmount)}</dt><dd class="amount">{transfer_amount(transfer.amount, &transfer.currency)}</dd>
            <dt>{t(Msg::NoticeRf)}</dt><dd class="rf">{transfer.reference.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{t(Msg::BankPayer)}</dt><dd>{transfer.payer.clone().unwrap_or_else(|| "—".into())}</dd>
            {transfer.reason.map(|r| view! { <dt>{t(Msg::ColumnReason)}</dt><dd class="reason">{t(queue_reason_label(r))}</dd> })}
            <dt>{t(Msg::BankTransferState)}</dt><dd class="state">{t(transfer_state_label(transfer.state))}</dd>
            {outcome}
        </dl>
        {receipt}
        {transfer.notice_id.clone().map(|n| view! { <p><a href=format!("/notices/{n}")>{t(Msg::NoticeTitle)}</a></p> })}
        {debtor}
        {(!transfer.allowed.is_empty()).then(|| view! { <div class="button-row">{others}</div> })}
        {has_events.then(|| view! {
            <section aria-labelledby="history-title">
                <h2 id="history-title">{t(Msg::BankHistory)}</h2>
                <ul class="events">{events}</ul>
            </section>
        })}
        <p><a href="/staff/bank">{t(Msg::BankQueueTitle)}</a></p>
    }
    .into_any()
}
