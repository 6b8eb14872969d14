//! The cashier's bank pages: upload the bank's camt.054 file, see what it did, and the
//! transfers waiting in the reconciliation queue with their reasons.

use super::debts::param;
use super::guard::with_role;
use crate::api::bank::*;
use crate::components::PageTitle;
use crate::domain::account::Role;
use crate::domain::time::{format_iso_date, format_local};
use crate::i18n::labels::{euros, queue_reason_label};
use crate::i18n::{t, use_lang, Msg};
use crate::views::bank::QueuedTransfer;
use leptos::prelude::*;

const CASHIER: &[Role] = &[Role::Cashier];

fn queue_table(queue: Vec<QueuedTransfer>) -> AnyView {
    if queue.is_empty() {
        return view! { <p>{t(Msg::BankQueueEmpty)}</p> }.into_any();
    }
    let lang = use_lang();
    let rows = queue
        .into_iter()
        .map(|q| {
            let amount = if q.currency.eq_ignore_ascii_case("EUR") {
                euros(q.amount)
            } else {
                format!("{} {}", q.amount.as_decimal(), q.currency)
            };
            view! {
                <tr>
                    <td class="nowrap" data-label=t(Msg::BankBooked)>{q.booked_on.as_deref().map(|d| format_iso_date(d, lang)).unwrap_or_else(|| "—".into())}</td>
                    <td data-label=t(Msg::ReceiptBankRef)>{q.bank_ref.clone()}</td>
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
            {move || Suspend::new(async move {
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
            {move || {
                let id = id.clone();
                Suspend::new(async move {
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
                })
            }}
        </Suspense>
    }
    .into_any()
}
