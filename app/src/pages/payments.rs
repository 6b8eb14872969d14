//! Payment pages: the test purpose's items to pay, and a payment's outcome (success with
//! receipt, decline with the bank's reason, cancellation, or "still processing" that
//! refreshes itself).

use super::guard::{send_to_sign_in, signed_in};
use crate::api::payments::*;
use crate::components::{ErrorSummary, FormState};
use crate::components::{PageTitle, PayButtons};
use crate::domain::payment::{PaymentState, PurposeKind};
use crate::domain::time::format_local;
use crate::error::AppError;
use crate::i18n::labels::{euros, payment_state_label, purpose_label, purpose_return_label};
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TestPaymentsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let action = ServerAction::<Pay>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::TestPaymentsTitle) />
        <h1>{t(Msg::TestPaymentsTitle)}</h1>
        <p>{t(Msg::TestPaymentsIntro)}</p>
        <ErrorSummary state=state />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let items = test_items().await.unwrap_or_default();
                if items.is_empty() {
                    return view! { <p>{t(Msg::TestPaymentsNone)}</p> }.into_any();
                }
                items
                    .into_iter()
                    .map(|item| {
                        let amount = euros(item.amount);
                        view! {
                            <section class="card">
                                <h2 class="card__title">{item.description.clone()}</h2>
                                <p><strong>{amount.clone()}</strong></p>
                                <ActionForm action=action>
                                    <input type="hidden" name="kind" value="test" />
                                    <input type="hidden" name="purpose_id" value=item.id.clone() />
                                    <PayButtons amount=amount />
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
    // Open to a guest who paid without an account (their pass); others sign in first.
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let payment = match payment_view(id).await {
                    Ok(payment) => payment,
                    Err(AppError::Unauthenticated) => {
                        send_to_sign_in();
                        return ().into_any();
                    }
                    Err(_) => return view! { <super::NotFound /> }.into_any(),
                };
                let amount = euros(payment.amount);
                let (title, body) = match payment.state {
                    PaymentState::Success => (Msg::PaymentSucceeded, view! {
                        <p>{t(Msg::PaymentSucceededText)} " " <strong>{amount}</strong></p>
                        <p>{t(Msg::ReceiptNumber)} " " <strong class="receipt">{payment.receipt.clone().unwrap_or_default()}</strong></p>
                        <p><a href=format!("/payments/{}/receipt", payment.id)>{t(Msg::ReceiptDoc)}</a></p>
                    }.into_any()),
                    PaymentState::Failed => (Msg::PaymentDeclined, view! {
                        <p>{t(Msg::PaymentDeclinedText)}</p>
                        <p>{t(Msg::BankReason)} " " <strong>{payment.failure_message.clone().unwrap_or_default()}</strong></p>
                    }.into_any()),
                    PaymentState::Cancelled => (Msg::PaymentCancelled, view! { <p>{t(Msg::PaymentCancelledText)}</p> }.into_any()),
                    PaymentState::Expired => (Msg::PaymentExpired, view! { <p>{t(Msg::PaymentExpiredText)}</p> }.into_any()),
                    PaymentState::Error => (Msg::PaymentError, view! { <p>{t(Msg::PaymentErrorText)}</p> }.into_any()),
                    PaymentState::Created | PaymentState::Started => (Msg::PaymentProcessing, view! {
                        // Still waiting for the bank's word. No timed refresh (a timing
                        // people cannot control): they check again when they wish, and
                        // where scripts run, forms.js looks quietly and reloads once the
                        // outcome is known.
                        <p role="status">{t(Msg::PaymentProcessingText)}</p>
                        <p>
                            <a class="button button--secondary" href=format!("/payments/{}", payment.id)
                                data-check-payment=payment.id.clone()>
                                {t(Msg::PaymentCheckAgain)}
                            </a>
                        </p>
                    }.into_any()),
                };
                // What the outcome means for what was paid, and the way back to it.
                let finished_badly = payment.state.is_final() && payment.state != PaymentState::Success;
                let purpose_note = match payment.purpose_kind {
                    PurposeKind::Tax if payment.state == PaymentState::Success => Some(view! { <p class="notice" role="status">{t(Msg::PaymentTaxAccepted)}</p> }.into_any()),
                    PurposeKind::Tax if finished_badly => Some(view! { <div class="notice notice--warning" role="status"><p><strong>{t(Msg::PaymentTaxRejected)}</strong></p></div> }.into_any()),
                    _ => None,
                };
                let back = payment.purpose_kind.return_path(&payment.purpose_id);
                let back_text = purpose_return_label(payment.purpose_kind);
                view! {
                    <PageTitle text=t(title) />
                    <h1>{t(title)}</h1>
                    {purpose_note}
                    {body}
                    <p><a href=back>{t(back_text)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn MyPaymentsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <PageTitle text=t(Msg::ServicePaymentsTitle) />
        <h1>{t(Msg::ServicePaymentsTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let lines = my_payments().await.unwrap_or_default();
                if lines.is_empty() {
                    return view! { <p>{t(Msg::MyPaymentsNone)}</p> }.into_any();
                }
                let lang = use_lang();
                let rows = lines
                    .into_iter()
                    .map(|p| {
                        let href = format!("/payments/{}", p.id);
                        let what = p
                            .description(lang)
                            .map(str::to_owned)
                            .unwrap_or_else(|| t(purpose_label(p.purpose_kind)).to_owned());
                        // Where the receipt is: its page (printable) and its PDF.
                        let receipt = p.receipt.clone().map(|number| view! {
                            <a href=format!("/payments/{}/receipt", p.id)>{t(Msg::ReceiptDoc)} " " {number}</a>
                            " · "
                            <a href=format!("/payments/{}/receipt.pdf", p.id)>"PDF"</a>
                        });
                        view! {
                            <tr>
                                <td class="stack-first"><strong>{what}</strong></td>
                                <td class="num nowrap stack-first" data-label=t(Msg::ColumnAmount)>{euros(p.amount)}</td>
                                <td class="nowrap" data-label=t(Msg::ColumnDate)>{format_local(p.created_at_ms, lang)}</td>
                                <td data-label=t(Msg::ColumnStatus)><a href=href>{t(payment_state_label(p.state))}</a></td>
                                <td>{receipt}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <p>{t(Msg::MyPaymentsReceiptsHint)}</p>
                    <div class="table-wrap">
                        <table class="stack-on-phone">
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::ColumnWhatPaid)}</th>
                                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                                    <th scope="col">{t(Msg::ColumnDate)}</th>
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

/// A printable receipt (print styles drop the site's header and footer), with its PDF.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    // Open to a guest who paid without an account (their pass); others sign in first.
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let receipt = match receipt_view(id).await {
                    Ok(receipt) => receipt,
                    Err(AppError::Unauthenticated) => {
                        send_to_sign_in();
                        return ().into_any();
                    }
                    Err(_) => return view! { <super::NotFound /> }.into_any(),
                };
                let lang = use_lang();
                let site = crate::site::SiteInfo::current();
                let amount = euros(receipt.amount);
                let payer = [receipt.payer_name.clone(), receipt.payer_email.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                let refunds = (!receipt.refunds.is_empty()).then(|| {
                    let rows = receipt
                        .refunds
                        .iter()
                        .map(|r| view! {
                            <tr>
                                <td>{r.number.clone().unwrap_or_default()}</td>
                                <td class="nowrap">{format_local(r.at_ms, lang)}</td>
                                <td class="num nowrap">{euros(r.amount)}</td>
                                <td>{r.reason.clone()}</td>
                            </tr>
                        })
                        .collect_view();
                    let net = euros(receipt.net());
                    view! {
                        <h2>{t(Msg::ReceiptRefunds)}</h2>
                        <div class="table-wrap">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ReceiptNumberPlain)}</th>
                                        <th scope="col">{t(Msg::ColumnDate)}</th>
                                        <th scope="col">{t(Msg::ColumnAmount)}</th>
                                        <th scope="col">{t(Msg::ColumnReason)}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        <p>{t(Msg::ReceiptNet)} ": " <strong>{net}</strong></p>
                    }
                });
                let pdf = format!("/payments/{}/receipt.pdf", receipt.payment_id);
                view! {
                    <PageTitle text=t(Msg::ReceiptTitle) />
                    <article class="receipt-doc">
                        <p class="receipt-doc__issuer">{site.municipality_name(lang).to_owned()}</p>
                        <p class="receipt-doc__issuer-details">{t(Msg::FieldAfm)} " " {site.municipality_afm.clone()} " · " {site.municipality_address.clone()}</p>
                        <h1>{t(Msg::ReceiptTitle)} " " <span class="receipt">{receipt.number.clone()}</span></h1>
                        <dl class="summary">
                            <dt>{t(Msg::ReceiptIssued)}</dt><dd>{format_local(receipt.issued_at_ms, lang)}</dd>
                            <dt>{t(Msg::ReceiptPayer)}</dt><dd>{payer}</dd>
                            <dt>{t(Msg::ReceiptPurpose)}</dt><dd>{receipt.purpose.text(lang).to_owned()}</dd>
                            <dt>{t(Msg::ColumnAmount)}</dt><dd><strong>{amount}</strong></dd>
                            <dt>{t(Msg::ReceiptMethod)}</dt><dd>{t(crate::i18n::labels::payment_method_label(receipt.method))}</dd>
                            <dt>{t(Msg::ReceiptBankRef)}</dt><dd>{receipt.provider_ref.clone().unwrap_or_default()}</dd>
                            <dt>{t(Msg::ReceiptCheckCode)}</dt>
                            <dd>
                                <strong>{receipt.code.grouped()}</strong> " · "
                                <a href=format!("/check/{}", receipt.code.as_str())>{t(Msg::CheckTitle)}</a>
                            </dd>
                        </dl>
                        {refunds}
                    </article>
                    <div class="no-print">
                        <p class="hint">{t(Msg::ReceiptPrintHint)}</p>
                        <p><a class="button button--secondary" href=pdf>{t(Msg::ReceiptPdf)}</a></p>
                        <p><a href="/payments">{t(Msg::ServicePaymentsTitle)}</a></p>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
