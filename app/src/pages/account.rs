//! Account pages: sign in, register, confirm e-mail, forgotten password, and "my account"
//! with profile, verification and password change. Plain HTML forms: no JavaScript needed.

use super::guard::{query, signed_in};
use crate::api::accounts::*;
use crate::components::PageTitle;
use crate::components::{ErrorSummary, Field, FormState, Notice};
use crate::domain::account::Verification;
use crate::i18n::labels::verification_label;
use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let state = FormState::from_result(action.value().get_untracked());
    let next = query("next");
    // TAXISnet sign-in is a plain link (the provider's page is elsewhere), carrying `next`.
    let taxisnet_href = crate::site::SiteInfo::current().taxisnet.then(|| {
        match next.as_deref().and_then(crate::domain::LocalPath::parse) {
            Some(next) => format!(
                "/auth/taxisnet?next={}",
                crate::i18n::percent_encode(next.as_str(), true)
            ),
            None => "/auth/taxisnet".to_owned(),
        }
    });
    view! {
        <PageTitle text=t(Msg::LoginTitle) />
        <crate::components::PageDescription text=Msg::MetaLogin />
        <div class="narrow">
            {query("confirmed").map(|_| view! { <Notice msg=Msg::LoginConfirmed /> })}
            {query("reset").map(|_| view! { <Notice msg=Msg::LoginAfterReset /> })}
            <h1>{t(Msg::LoginTitle)}</h1>
            <TaxisnetOutcome />
            {taxisnet_href.map(|href| {
                view! {
                    <section class="card" aria-labelledby="taxisnet-heading">
                        <h2 id="taxisnet-heading">{t(Msg::TaxisnetHeading)}</h2>
                        <p>{t(Msg::LoginTaxisnetHint)}</p>
                        <p><a class="button" href=href rel="external">{t(Msg::LoginTaxisnetButton)}</a></p>
                    </section>
                    <h2>{t(Msg::LoginWithPassword)}</h2>
                }
            })}
            <ErrorSummary state=state.clone() />
            <ActionForm action=action>
                <input type="hidden" name="next" value=next />
                <Field name="email" label=Msg::FieldEmail kind="email" autocomplete="username"
                    error=state.error("email") value=state.value("email") />
                <Field name="password" label=Msg::FieldPassword kind="password" autocomplete="current-password"
                    error=state.error("password") />
                <button type="submit" class="button">{t(Msg::LoginButton)}</button>
            </ActionForm>
            <p><a href="/password/forgot">{t(Msg::LoginForgot)}</a></p>
            <p><a href="/register">{t(Msg::LoginNoAccount)}</a></p>
        </div>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::RegisterTitle) />
        <crate::components::PageDescription text=Msg::MetaRegister />
        <div class="narrow">
            <h1>{t(Msg::RegisterTitle)}</h1>
            <p>{t(Msg::RegisterIntro)}</p>
            <ErrorSummary state=state.clone() />
            <ActionForm action=action>
                <Field name="email" label=Msg::FieldEmail kind="email" autocomplete="email"
                    error=state.error("email") value=state.value("email") />
                <Field name="full_name" label=Msg::FieldFullName autocomplete="name"
                    error=state.error("full_name") value=state.value("full_name") />
                <Field name="phone" label=Msg::FieldPhone kind="tel" autocomplete="tel"
                    error=state.error("phone") value=state.value("phone") />
                <Field name="password" label=Msg::FieldPassword kind="password" autocomplete="new-password"
                    hint=Msg::FieldPasswordHint error=state.error("password") />
                <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password" />
                <button type="submit" class="button">{t(Msg::RegisterButton)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn RegisterSentPage() -> impl IntoView {
    view! {
        <PageTitle text=t(Msg::RegisterSentTitle) />
        <div class="narrow">
            <h1>{t(Msg::RegisterSentTitle)}</h1>
            <p>{t(Msg::RegisterSentText)}</p>
        </div>
    }
}

/// The page an e-mailed confirmation link opens: one press (a plain form, so it works
/// without JavaScript) sends the link's token to `form`'s server function.
fn confirm_link_page(state: FormState, form: impl IntoView) -> impl IntoView {
    view! {
        <PageTitle text=t(Msg::ConfirmTitle) />
        <div class="narrow">
            <h1>{t(Msg::ConfirmTitle)}</h1>
            <ErrorSummary state=state />
            <p>{t(Msg::ConfirmText)}</p>
            {form}
        </div>
    }
}

/// The link's token and the button, inside either confirmation's form.
fn confirm_link_fields() -> impl IntoView {
    view! {
        <input type="hidden" name="token" value=query("token").unwrap_or_default() />
        <button type="submit" class="button">{t(Msg::ConfirmButton)}</button>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let state = FormState::from_result(action.value().get_untracked());
    confirm_link_page(
        state,
        view! { <ActionForm action=action>{confirm_link_fields()}</ActionForm> },
    )
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::ForgotTitle) />
        <div class="narrow">
            <h1>{t(Msg::ForgotTitle)}</h1>
            <p>{t(Msg::ForgotText)}</p>
            <ErrorSummary state=state.clone() />
            <ActionForm action=action>
                <Field name="email" label=Msg::FieldEmail kind="email" autocomplete="email"
                    error=state.error("email") value=state.value("email") />
                <button type="submit" class="button">{t(Msg::ForgotButton)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn ForgotSentPage() -> impl IntoView {
    view! {
        <PageTitle text=t(Msg::RegisterSentTitle) />
        <div class="narrow">
            <h1>{t(Msg::RegisterSentTitle)}</h1>
            <p>{t(Msg::ForgotSentText)}</p>
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::ResetTitle) />
        <div class="narrow">
            <h1>{t(Msg::ResetTitle)}</h1>
            <ErrorSummary state=state.clone() />
            <ActionForm action=action>
                <input type="hidden" name="token" value=query("token").unwrap_or_default() />
                <Field name="password" label=Msg::FieldNewPassword kind="password" autocomplete="new-password"
                    hint=Msg::FieldPasswordHint error=state.error("password") />
                <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password" />
                <button type="submit" class="button">{t(Msg::ResetButton)}</button>
            </ActionForm>
        </div>
    }
}

/// How a TAXISnet sign-in or link ended (`?taxisnet=<outcome>` from the server's routes):
/// a confirmation, or a problem in words that says what to do.
#[component]
pub fn TaxisnetOutcome() -> impl IntoView {
    use crate::domain::identity::IdentityOutcome as O;
    query("taxisnet")
        .as_deref()
        .and_then(O::parse)
        .map(|outcome| {
            let msg = match outcome {
                O::Linked => return view! { <Notice msg=Msg::TaxisnetLinked /> }.into_any(),
                O::Cancelled => Msg::TaxisnetCancelled,
                O::Expired => Msg::TaxisnetExpired,
                O::Unavailable => Msg::TaxisnetUnavailable,
                O::Refused => Msg::TaxisnetRefused,
                O::Invalid => Msg::TaxisnetInvalid,
                O::AfmTaken => Msg::TaxisnetAfmTaken,
                O::LinkedElsewhere => Msg::TaxisnetLinkedElsewhere,
                O::AfmDiffers => Msg::TaxisnetAfmDiffers,
                O::Unconfirmed => Msg::ErrEmailNotConfirmed,
            };
            view! { <div class="error-summary" role="alert"><p>{t(msg)}</p></div> }.into_any()
        })
}

/// After TAXISnet proved a person who has no account: their e-mail address, then a
/// confirmation link, and the account exists.
#[component]
pub fn TaxisnetWelcomePage() -> impl IntoView {
    use crate::api::taxisnet::{taxisnet_pending, FinishTaxisnetSignUp};
    let action = ServerAction::<FinishTaxisnetSignUp>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::TaxisnetWelcomeTitle) />
        <div class="narrow">
            <h1>{t(Msg::TaxisnetWelcomeTitle)}</h1>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match taxisnet_pending().await {
                        Ok(Some(person)) => view! {
                            <p>{t(Msg::TaxisnetWelcomeIntro)
                                .replace("{name}", &person.full_name)
                                .replace("{afm}", &person.afm)}</p>
                            <ErrorSummary state=state.clone() />
                            <ActionForm action=action>
                                <Field name="email" label=Msg::FieldEmail kind="email" autocomplete="email"
                                    hint=Msg::TaxisnetEmailHint
                                    error=state.error("email") value=state.value("email") />
                                <button type="submit" class="button">{t(Msg::TaxisnetWelcomeButton)}</button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! {
                            <ErrorSummary state=state.clone() />
                            <p>{t(Msg::ErrTaxisnetPendingGone)}</p>
                            <p><a href="/login">{t(Msg::LoginTitle)}</a></p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The link e-mailed to a person TAXISnet proved: one press creates their account.
#[component]
pub fn TaxisnetConfirmPage() -> impl IntoView {
    use crate::api::taxisnet::ConfirmTaxisnetEmail;
    let action = ServerAction::<ConfirmTaxisnetEmail>::new();
    let state = FormState::from_result(action.value().get_untracked());
    confirm_link_page(
        state,
        view! { <ActionForm action=action>{confirm_link_fields()}</ActionForm> },
    )
}

/// A verification state in words, with what to do next and a rejection's reason.
#[component]
pub fn VerificationStatus(state: Verification, note: Option<String>) -> impl IntoView {
    let explain = match state {
        Verification::Pending => Msg::ExplainPending,
        Verification::Verified => Msg::ExplainVerified,
        Verification::Rejected => Msg::ExplainRejected,
        Verification::Unverified => Msg::ExplainUnverified,
    };
    let class = format!("status status--{state}");
    view! {
        <p><strong class=class>{t(verification_label(state))}</strong></p>
        {(state == Verification::Rejected).then(|| view! { <p>{t(Msg::RejectionReason)} " " {note.clone().unwrap_or_default()}</p> })}
        <p>{t(explain)}</p>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let profile_action = ServerAction::<UpdateProfile>::new();
    let password_action = ServerAction::<ChangePassword>::new();
    let verify_action = ServerAction::<RequestVerification>::new();
    let profile_state = FormState::from_result(profile_action.value().get_untracked());
    let password_state = FormState::from_result(password_action.value().get_untracked());
    let verify_state = FormState::from_result(verify_action.value().get_untracked());
    let saved = query("saved").and_then(|s| match s.as_str() {
        "profile" => Some(Msg::AccountSavedProfile),
        "password" => Some(Msg::AccountSavedPassword),
        "verification" => Some(Msg::AccountSavedVerification),
        _ => None,
    });
    view! {
        <PageTitle text=t(Msg::AccountTitle) />
        {saved.map(|msg| view! { <Notice msg=msg /> })}
        <h1>{t(Msg::AccountTitle)}</h1>
        <TaxisnetOutcome />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let account = match my_account().await {
                    Ok(account) => account,
                    Err(_) => return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any(),
                };
                let can_request = matches!(account.profile.verification.as_str(), "unverified" | "rejected");
                let ps = profile_state.clone();
                let value = move |field: &str, stored: &Option<String>| -> String {
                    ps.value(field).or_else(|| stored.clone()).unwrap_or_default()
                };
                view! {
                    <dl class="summary">
                        <dt>{t(Msg::FieldFullName)}</dt><dd>{account.profile.full_name.clone()}</dd>
                        <dt>{t(Msg::FieldEmail)}</dt><dd>{account.profile.email.clone()}</dd>
                    </dl>
                    {crate::site::SiteInfo::current().taxisnet.then(|| view! {
                        <section aria-labelledby="taxisnet-heading">
                            <h2 id="taxisnet-heading">{t(Msg::TaxisnetHeading)}</h2>
                            {if account.taxisnet_linked {
                                view! { <p>{t(Msg::TaxisnetLinkedText)}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{t(Msg::TaxisnetLinkIntro)}</p>
                                    <p><a class="button button--secondary" href="/auth/taxisnet/link" rel="external">{t(Msg::TaxisnetLinkButton)}</a></p>
                                }.into_any()
                            }}
                        </section>
                    })}
                    <section aria-labelledby="verification-heading">
                        <h2 id="verification-heading">{t(Msg::VerificationHeading)}</h2>
                        <VerificationStatus state=account.profile.verification note=account.profile.verification_note.clone() />
                        <ErrorSummary state=verify_state.clone() />
                        {can_request.then(|| view! {
                            <ActionForm action=verify_action>
                                <button type="submit" class="button button--secondary">{t(Msg::RequestVerificationButton)}</button>
                            </ActionForm>
                        })}
                    </section>
                    <section aria-labelledby="profile-heading">
                        <h2 id="profile-heading">{t(Msg::ProfileHeading)}</h2>
                        <ErrorSummary state=profile_state.clone() />
                        <ActionForm action=profile_action>
                            <Field name="afm" label=Msg::FieldAfm hint=Msg::FieldAfmHint autocomplete="off"
                                error=profile_state.error("afm") value=Some(value("afm", &account.profile.afm)) />
                            <Field name="address" label=Msg::FieldAddress autocomplete="street-address"
                                error=profile_state.error("address") value=Some(value("address", &account.profile.address)) />
                            <Field name="father_name" label=Msg::FieldFatherName autocomplete="off"
                                error=profile_state.error("father_name") value=Some(value("father_name", &account.profile.father_name)) />
                            <Field name="phone" label=Msg::FieldPhone kind="tel" autocomplete="tel"
                                error=profile_state.error("phone") value=Some(value("phone", &account.profile.phone)) />
                            <button type="submit" class="button">{t(Msg::SaveButton)}</button>
                        </ActionForm>
                    </section>
                    <section aria-labelledby="password-heading">
                        <h2 id="password-heading">{t(Msg::PasswordHeading)}</h2>
                        <ErrorSummary state=password_state.clone() />
                        <ActionForm action=password_action>
                            <Field name="current" label=Msg::FieldCurrentPassword kind="password" autocomplete="current-password"
                                error=password_state.error("current") />
                            <Field name="password" label=Msg::FieldNewPassword kind="password" autocomplete="new-password"
                                hint=Msg::FieldPasswordHint error=password_state.error("password") />
                            <Field name="password_confirm" label=Msg::FieldPasswordConfirm kind="password" autocomplete="new-password" />
                            <button type="submit" class="button">{t(Msg::SaveButton)}</button>
                        </ActionForm>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}
