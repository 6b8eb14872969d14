//! "My town hall": where a resident lands after signing in — what is open with the
//! municipality, what they paid lately, their businesses, and the services.

use super::guard::signed_in;
use crate::api::accounts::my_town_hall;
use crate::components::PageTitle;
use crate::domain::account::Verification;
use crate::domain::time::format_local;
use crate::i18n::labels::{
    euros, payment_state_label, purpose_label, submission_kind_label, submission_status_label,
    verification_label,
};
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;

#[component]
pub fn MyTownHallPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(hall) = my_town_hall().await else {
                    return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any();
                };
                let lang = use_lang();
                let verification = (hall.verification != Verification::Verified).then(|| view! {
                    <p class="notice">
                        {t(verification_label(hall.verification))} " · "
                        <a href="/account">{t(Msg::MyHallVerifyLink)}</a>
                    </p>
                });
                let submissions = if hall.open_submissions.is_empty() {
                    view! { <p>{t(Msg::MyHallNoSubmissions)}</p> }.into_any()
                } else {
                    let items = hall
                        .open_submissions
                        .iter()
                        .map(|s| view! {
                            <li>
                                <a href=format!("/submissions/{}", s.id) class="user-text">{s.subject.clone()}</a>
                                " · " {t(submission_kind_label(s.kind))}
                                " · " {t(submission_status_label(s.status))}
                            </li>
                        })
                        .collect_view();
                    view! { <ul class="link-list">{items}</ul> }.into_any()
                };
                let payments = if hall.recent_payments.is_empty() {
                    view! { <p>{t(Msg::MyPaymentsNone)}</p> }.into_any()
                } else {
                    let items = hall
                        .recent_payments
                        .iter()
                        .map(|p| {
                            let what = p
                                .description(lang)
                                .map(str::to_owned)
                                .unwrap_or_else(|| t(purpose_label(p.purpose_kind)).to_owned());
                            view! {
                                <li>
                                    <a href=format!("/payments/{}", p.id)>{what}</a>
                                    " · " {euros(p.amount)}
                                    " · " {t(payment_state_label(p.state))}
                                    " · " <span class="nowrap">{format_local(p.created_at_ms, lang)}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="link-list">{items}</ul> }.into_any()
                };
                let businesses = (!hall.businesses.is_empty()).then(|| {
                    let items = hall
                        .businesses
                        .iter()
                        .map(|b| {
                            let owes = (b.unpaid_debts > 0).then(|| view! {
                                " · " <a href="/business/tax/debts">
                                    {t(Msg::MyHallDebts).replace("{count}", &b.unpaid_debts.to_string())}
                                </a>
                            });
                            view! {
                                <li>
                                    <a href="/business/tax">{b.business.name.clone()}</a>
                                    " · " {t(verification_label(b.business.verification))}
                                    {owes}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h2>{t(Msg::MyHallBusinesses)}</h2>
                        <ul class="link-list">{items}</ul>
                    }
                });
                view! {
                    <PageTitle text=t(Msg::MyHallTitle) />
                    <h1>{t(Msg::MyHallTitle)}</h1>
                    <p class="lead">{t(Msg::MyHallGreeting).replace("{name}", &hall.full_name)}</p>
                    {verification}
                    <h2>{t(Msg::MyHallSubmissions)}</h2>
                    {submissions}
                    <p><a href="/submissions/new">{t(Msg::MyHallNewSubmission)}</a> " · " <a href="/submissions">{t(Msg::NavSubmissions)}</a></p>
                    <h2>{t(Msg::MyHallPayments)}</h2>
                    {payments}
                    <p><a href="/fines">{t(Msg::MyHallPayFine)}</a> " · " <a href="/payments">{t(Msg::NavPayments)}</a></p>
                    {businesses}
                    <h2>{t(Msg::ServicesHeading)}</h2>
                    <p><a href="/#services">{t(Msg::MyHallAllServices)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
