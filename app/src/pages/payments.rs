//! Payment pages: the test purpose's items to pay, and a payment's outcome (success with
//! receipt, decline with the bank's reason, cancellation, or "still processing" that
//! refreshes itself).

use super::guard::signed_in;
use crate::api::payments::*;
use crate::components::{ErrorSummary, FormState};
use crate::domain::time::format_local;
use crate::domain::Money;
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn TestPaymentsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let action = ServerAction::<Pay>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <Title text=t(Msg::TestPaymentsTitle) />
        <h1>{t(Msg::TestPaymentsTitle)}</h1>
        <p>{t(Msg::TestPaymentsIntro)}</p>
        <ErrorSummary state=state />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let items = test_items().await.unwrap_or_default();
                if items.is_empty() {
                    return view! { <p>{t(Msg::TestPaymentsNone)}</p> }.into_any();
                }
                items
                    .into_iter()
                    .map(|item| {
                        let amount = Money::from_cents(item.amount_cents).format(use_lang());
                        view! {
                            <section class="card">
                                <h2 class="card__title">{item.description.clone()}</h2>
                                <p><strong>{amount.clone()}</strong></p>
                                <ActionForm action=action>
                                    <input type="hidden" name="kind" value="test" />
                                    <input type="hidden" name="purpose_id" value=item.id.clone() />
                                    <button type="submit" class="button">{t(Msg::PayByCard)} " " {amount}</button>
                                </ActionForm>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn PaymentResultPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let id = id.clone();
                Suspend::new(async move {
                    let Ok(payment) = payment_view(id).await else {
                        return view! { <super::NotFound /> }.into_any();
                    };
                    let amount = Money::from_cents(payment.amount_cents).format(use_lang());
                    let (title, body) = match payment.state.as_str() {
                        "success" => (Msg::PaymentSucceeded, view! {
                            <p>{t(Msg::PaymentSucceededText)} " " <strong>{amount}</strong></p>
                            <p>{t(Msg::ReceiptNumber)} " " <strong class="receipt">{payment.receipt.clone().unwrap_or_default()}</strong></p>
                        }.into_any()),
                        "failed" => (Msg::PaymentDeclined, view! {
                            <p>{t(Msg::PaymentDeclinedText)}</p>
                            <p>{t(Msg::BankReason)} " " <strong>{payment.failure_message.clone().unwrap_or_default()}</strong></p>
                        }.into_any()),
                        "cancelled" => (Msg::PaymentCancelled, view! { <p>{t(Msg::PaymentCancelledText)}</p> }.into_any()),
                        "error" | "expired" => (Msg::PaymentError, view! { <p>{t(Msg::PaymentErrorText)}</p> }.into_any()),
                        _ => (Msg::PaymentProcessing, view! {
                            // Still waiting for the bank's word: look again in a few seconds.
                            <Meta http_equiv="refresh" content="3" />
                            <p role="status">{t(Msg::PaymentProcessingText)}</p>
                        }.into_any()),
                    };
                    view! {
                        <Title text=t(title) />
                        <h1>{t(title)}</h1>
                        {body}
                        <p><a href="/payments/test">{t(Msg::BackToPayments)}</a></p>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
    .into_any()
}

fn state_label(state: &str) -> Msg {
    match state {
        "success" => Msg::PaymentStateSuccess,
        "failed" => Msg::PaymentStateFailed,
        "cancelled" => Msg::PaymentStateCancelled,
        "expired" => Msg::PaymentStateExpired,
        "error" => Msg::PaymentStateError,
        _ => Msg::PaymentStateProcessing,
    }
}

#[component]
pub fn MyPaymentsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <Title text=t(Msg::ServicePaymentsTitle) />
        <h1>{t(Msg::ServicePaymentsTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let lines = my_payments().await.unwrap_or_default();
                if lines.is_empty() {
                    return view! { <p>{t(Msg::MyPaymentsNone)}</p> }.into_any();
                }
                let rows = lines
                    .into_iter()
                    .map(|p| {
                        let href = format!("/payments/{}", p.id);
                        view! {
                            <tr>
                                <td class="nowrap">{format_local(p.created_at_ms, use_lang())}</td>
                                <td class="nowrap">{Money::from_cents(p.amount_cents).format(use_lang())}</td>
                                <td><a href=href>{t(state_label(&p.state))}</a></td>
                                <td>{p.receipt.unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::ColumnDate)}</th>
                                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                                    <th scope="col">{t(Msg::ColumnStatus)}</th>
                                    <th scope="col">{t(Msg::ReceiptNumber)}</th>
                                </tr>
                            </thead>
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
