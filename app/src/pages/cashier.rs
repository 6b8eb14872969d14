//! The cashier's pages: card payments with filters, totals and CSV export, and one
//! payment's details, refunds and full event history.

use super::guard::{query, with_role};
use crate::api::cashier::*;
use crate::components::{
    filter_select, ErrorSummary, Field, FormState, Notice, PageTitle, TextArea,
};
use crate::domain::account::Role;
use crate::domain::payment::{PaymentState, PurposeKind, RefundState};
use crate::domain::time::format_local;
use crate::error::AppError;
use crate::i18n::labels::{euros, payment_state_label, purpose_label, refund_state_label};
use crate::i18n::{percent_encode, t, use_lang, Msg};
use crate::views::payments::Total;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The filter form, showing the values typed and any field errors.
fn filter_form(query: &PaymentQuery, state: &FormState) -> impl IntoView {
    let states: Vec<(&'static str, Msg)> = PaymentState::ALL
        .iter()
        .filter(|s| **s != PaymentState::Created)
        .map(|s| (s.as_str(), payment_state_label(*s)))
        .collect();
    let purposes: Vec<(&'static str, Msg)> = PurposeKind::ALL
        .iter()
        .map(|k| (k.as_str(), purpose_label(*k)))
        .collect();
    let value = |name: &str, typed: &Option<String>| state.value(name).or(typed.clone());
    view! {
        <form method="get" action="/staff/payments" class="filters">
            {filter_select("state", Msg::ColumnStatus, states, query.state.clone())}
            {filter_select("purpose", Msg::CashierPurpose, purposes, query.purpose.clone())}
            {filter_select(
                "attention",
                Msg::CashierAttention,
                vec![("paid_twice", Msg::WorkPaidTwice), ("refund_pending", Msg::WorkRefundsPending)],
                query.attention.clone(),
            )}
            <Field name="from" label=Msg::InboxFrom kind="date" autocomplete="off" error=state.error("from") value=value("from", &query.from) />
            <Field name="to" label=Msg::InboxTo kind="date" autocomplete="off" error=state.error("to") value=value("to", &query.to) />
            <Field name="min" label=Msg::CashierMinAmount autocomplete="off" error=state.error("min") value=value("min", &query.min) />
            <Field name="max" label=Msg::CashierMaxAmount autocomplete="off" error=state.error("max") value=value("max", &query.max) />
            <Field name="payer" label=Msg::CashierPayer kind="search" maxlength=crate::domain::submission::MAX_SEARCH_CHARS autocomplete="off" value=query.payer.clone() />
            <button type="submit" class="button button--secondary">{t(Msg::InboxFilterButton)}</button>
        </form>
    }
}

/// A purpose's total is labelled with the purpose's code: its name in words.
fn purpose_name(kind: &str) -> String {
    PurposeKind::parse(kind)
        .map(|k| t(purpose_label(k)).to_owned())
        .unwrap_or_else(|| kind.to_owned())
}

fn totals_table(
    caption: Msg,
    first_column: Msg,
    totals: Vec<Total>,
    all: Option<Total>,
    label: fn(&str) -> String,
) -> impl IntoView {
    let row = move |total: Total, is_all: bool| {
        let name = if is_all {
            t(Msg::TotalsAll).to_owned()
        } else {
            label(&total.label)
        };
        view! {
            <tr class:total=is_all>
                <th scope="row">{name}</th>
                <td class="num">{total.count}</td>
                <td class="num nowrap">{euros(total.paid)}</td>
                <td class="num nowrap">{euros(total.refunded)}</td>
                <td class="num nowrap">{euros(total.paid.checked_sub(total.refunded).unwrap_or(total.paid))}</td>
            </tr>
        }
    };
    let rows = totals
        .into_iter()
        .map(|total| row(total, false))
        .collect_view();
    let all = all.map(|total| row(total, true));
    view! {
        <div class="table-wrap">
            <table>
                <caption>{t(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(first_column)}</th>
                        <th scope="col">{t(Msg::ColumnCount)}</th>
                        <th scope="col">{t(Msg::ColumnCollected)}</th>
                        <th scope="col">{t(Msg::ColumnRefunded)}</th>
                        <th scope="col">{t(Msg::ColumnNet)}</th>
                    </tr>
                </thead>
                <tbody>{rows}{all}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CashierPaymentsPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Cashier]) {
        return page;
    }
    let filters = PaymentQuery {
        state: query("state"),
        purpose: query("purpose"),
        from: query("from"),
        to: query("to"),
        min: query("min"),
        max: query("max"),
        payer: query("payer"),
        attention: query("attention"),
    };
    let page: i64 = query("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    view! {
        <PageTitle text=t(Msg::CashierTitle) />
        <h1>{t(Msg::CashierTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let q = filters.clone();
                let result = cashier_payments(q.state, q.purpose, q.from, q.to, q.min, q.max, q.payer, q.attention, Some(page)).await;
                let found = match result {
                    Ok(found) => found,
                    Err(error @ AppError::Validation(_)) => {
                        let state = FormState::from_result::<()>(Some(Err(error)));
                        return view! {
                            <ErrorSummary state=state.clone() />
                            {filter_form(&filters, &state)}
                        }
                        .into_any();
                    }
                    Err(_) => return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any(),
                };
                let pairs = filters.pairs();
                let link = |path: &str, extra: Option<(&str, String)>| {
                    let params: Vec<String> = pairs
                        .iter()
                        .map(|(k, v)| (*k, v.clone()))
                        .chain(extra)
                        .map(|(k, v)| format!("{k}={}", percent_encode(&v, false)))
                        .collect();
                    format!("{path}?{}", params.join("&"))
                };
                let export = link("/staff/payments-export.csv", None);
                let pages = (found.total + found.page_size - 1) / found.page_size;
                let previous = (page > 0).then(|| view! { <a href=link("/staff/payments", Some(("page", (page - 1).to_string()))) rel="prev">{t(Msg::PreviousPage)}</a> });
                let next = (page + 1 < pages).then(|| view! { <a href=link("/staff/payments", Some(("page", (page + 1).to_string()))) rel="next">{t(Msg::NextPage)}</a> });
                let rows = found
                    .rows
                    .into_iter()
                    .map(|p| {
                        let href = format!("/staff/payments/{}", p.id);
                        let payer = p.payer_name.clone().or(p.payer_email.clone()).unwrap_or_default();
                        view! {
                            <tr>
                                <td class="nowrap"><a href=href>{format_local(p.created_at_ms, use_lang())}</a></td>
                                <td class="num nowrap">{euros(p.amount)}</td>
                                <td>{t(payment_state_label(p.state))}</td>
                                <td>{t(purpose_label(p.purpose_kind))}</td>
                                <td>{payer}</td>
                                <td>{p.receipt.unwrap_or_default()}</td>
                                <td class="num nowrap">{(!p.refunded.is_zero()).then(|| euros(p.refunded))}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let list = if found.total == 0 {
                    view! { <p>{t(Msg::CashierNone)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColumnDate)}</th>
                                        <th scope="col">{t(Msg::ColumnAmount)}</th>
                                        <th scope="col">{t(Msg::ColumnStatus)}</th>
                                        <th scope="col">{t(Msg::CashierPurpose)}</th>
                                        <th scope="col">{t(Msg::ColumnPayer)}</th>
                                        <th scope="col">{t(Msg::ReceiptNumberPlain)}</th>
                                        <th scope="col">{t(Msg::ColumnRefunded)}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        <nav class="pager" aria-label=t(Msg::CashierResults)>{previous} " " {next}</nav>
                    }
                    .into_any()
                };
                view! {
                    {filter_form(&filters, &FormState::default())}
                    <p>
                        <span class="results-count">{found.total} " " {t(Msg::CashierResults)}</span>
                        " · " <a href=export download="payments.csv">{t(Msg::CashierExport)}</a>
                    </p>
                    {list}
                    <h2>{t(Msg::TotalsAll)}</h2>
                    <p class="hint">{t(Msg::TotalsNote)}</p>
                    {totals_table(Msg::TotalsByPurpose, Msg::CashierPurpose, found.by_purpose, Some(found.all), purpose_name)}
                    {totals_table(Msg::TotalsByDay, Msg::ColumnDay, found.by_day, None, |day| crate::domain::time::format_iso_date(day, use_lang()))}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn CashierPaymentPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Cashier]) {
        return page;
    }
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let refund_action = ServerAction::<RefundPayment>::new();
    let again_action = ServerAction::<AskBankAgain>::new();
    let mut state = FormState::from_result(refund_action.value().get_untracked());
    let again = FormState::from_result(again_action.value().get_untracked());
    if again.has_errors() {
        state = again;
    }
    let notice = match query("refund").as_deref() {
        Some("refunded") => Some(Msg::RefundDone),
        Some("declined") => Some(Msg::RefundDeclined),
        Some("pending") => Some(Msg::RefundPending),
        _ => None,
    };
    view! {
        {notice.map(|msg| view! { <Notice msg=msg /> })}
        <ErrorSummary state=state.clone() labels=&[("amount", Msg::RefundAmount)] />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(details) = cashier_payment(id.clone()).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let p = details.payment;
                let receipt = p.receipt.clone().map(|number| {
                    let href = format!("/payments/{}/receipt", p.id);
                    view! { <a href=href>{number}</a> }
                });
                let refunds = details
                    .refunds
                    .into_iter()
                    .map(|r| {
                        let ask_again = (r.state == RefundState::Pending).then(|| {
                            let (payment_id, refund_id) = (id.clone(), r.id.clone());
                            view! {
                                <ActionForm action=again_action>
                                    <input type="hidden" name="payment_id" value=payment_id />
                                    <input type="hidden" name="refund_id" value=refund_id />
                                    <button type="submit" class="button button--secondary">{t(Msg::RefundAskAgain)}</button>
                                </ActionForm>
                            }
                        });
                        view! {
                            <tr>
                                <td>{r.number.unwrap_or_default()}</td>
                                <td class="nowrap">{format_local(r.at_ms, use_lang())}</td>
                                <td class="num nowrap">{euros(r.amount)}</td>
                                <td>{r.reason}</td>
                                <td>{t(refund_state_label(r.state))} " " {r.failure_message.unwrap_or_default()} {ask_again}</td>
                                <td>{r.actor}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let events = details
                    .events
                    .into_iter()
                    .map(|e| view! {
                        <tr>
                            <td class="nowrap">{format_local(e.at_ms, use_lang())}</td>
                            <td>{e.source}</td>
                            <td>{e.event}</td>
                            <td>{e.outcome}</td>
                            <td>{e.detail.unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view();
                let refund_form = if !details.refundable.is_zero() {
                    let left = euros(details.refundable);
                    let amount = state.value("amount").unwrap_or_else(|| euros(details.refundable).replace(['€', '\u{a0}'], ""));
                    view! {
                        <h2>{t(Msg::RefundHeading)}</h2>
                        <p>{t(Msg::RefundIntro).replace("{left}", &left)}</p>
                        <ActionForm action=refund_action>
                            <input type="hidden" name="payment_id" value=id.clone() />
                            <Field name="amount" label=Msg::RefundAmount autocomplete="off" error=state.error("amount") value=Some(amount) required=true />
                            <TextArea name="reason" label=Msg::RefundReason rows=3 max=500 error=state.error("reason") value=state.value("reason") />
                            <button type="submit" class="button">{t(Msg::RefundButton)}</button>
                        </ActionForm>
                    }
                    .into_any()
                } else if p.state == PaymentState::Success {
                    view! { <p>{t(Msg::RefundNothingLeft)}</p> }.into_any()
                } else {
                    ().into_any()
                };
                view! {
                    <PageTitle text=t(Msg::PaymentDetails) />
                    <h1>{t(Msg::PaymentDetails)}</h1>
                    <dl class="summary">
                        <dt>{t(Msg::ColumnAmount)}</dt><dd>{euros(p.amount)}</dd>
                        <dt>{t(Msg::ColumnStatus)}</dt><dd>{t(payment_state_label(p.state))} " " {details.failure_message.unwrap_or_default()}</dd>
                        <dt>{t(Msg::CashierPurpose)}</dt><dd>{t(purpose_label(p.purpose_kind))} " " {p.purpose_id.clone()}</dd>
                        <dt>{t(Msg::ColumnPayer)}</dt><dd>{p.payer_name.unwrap_or_default()} " " {p.payer_email.unwrap_or_default()}</dd>
                        <dt>{t(Msg::ColumnDate)}</dt><dd>{format_local(p.created_at_ms, use_lang())}</dd>
                        <dt>{t(Msg::ReceiptNumberPlain)}</dt><dd>{receipt}</dd>
                        <dt>{t(Msg::ReceiptBankRef)}</dt><dd>{p.provider_ref.unwrap_or_default()}</dd>
                        <dt>{t(Msg::ReceiptPaymentId)}</dt><dd>{p.id.clone()}</dd>
                    </dl>
                    {refund_form}
                    <h2>{t(Msg::ReceiptRefunds)}</h2>
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::ReceiptNumberPlain)}</th>
                                    <th scope="col">{t(Msg::ColumnDate)}</th>
                                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                                    <th scope="col">{t(Msg::ColumnReason)}</th>
                                    <th scope="col">{t(Msg::ColumnStatus)}</th>
                                    <th scope="col">{t(Msg::ColumnActor)}</th>
                                </tr>
                            </thead>
                            <tbody>{refunds}</tbody>
                        </table>
                    </div>
                    <h2>{t(Msg::PaymentHistory)}</h2>
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::ColumnTime)}</th>
                                    <th scope="col">{t(Msg::ColumnSource)}</th>
                                    <th scope="col">{t(Msg::ColumnEvent)}</th>
                                    <th scope="col">{t(Msg::ColumnOutcome)}</th>
                                    <th scope="col">{t(Msg::ColumnDetail)}</th>
                                </tr>
                            </thead>
                            <tbody>{events}</tbody>
                        </table>
                    </div>
                    <p><a href="/staff/payments">{t(Msg::CashierTitle)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
