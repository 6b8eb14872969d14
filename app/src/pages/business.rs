//! Business pages: the businesses a user represents, their verification, and registering one.

use super::account::VerificationStatus;
use super::guard::{query, signed_in};
use crate::api::accounts::*;
use crate::components::PageTitle;
use crate::components::{Choice, ErrorSummary, Field, FormState, Notice};
use crate::i18n::{t, Msg};
use leptos::prelude::*;

pub const LEGAL_FORM_OPTIONS: [(&str, Msg); 7] = [
    ("sole", Msg::LegalSole),
    ("oe", Msg::LegalOe),
    ("ee", Msg::LegalEe),
    ("ike", Msg::LegalIke),
    ("epe", Msg::LegalEpe),
    ("ae", Msg::LegalAe),
    ("other", Msg::LegalOther),
];

/// A category's name from the list (code, name); an unknown code shows as itself.
fn category_name(categories: &[(String, String)], code: &str) -> String {
    categories
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, name)| name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// The main activity, from the municipal tax's categories (which the admin can add to).
fn activity_choice(
    categories: Vec<(String, String)>,
    error: Option<String>,
    value: Option<String>,
) -> impl IntoView {
    let selected = value.unwrap_or_default();
    let class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    let invalid = error.is_some().then_some("true");
    let described = error.is_some().then_some("activity-error");
    let options = categories
        .into_iter()
        .map(|(code, name)| {
            let is = selected == code;
            view! { <option value=code selected=is>{name}</option> }
        })
        .collect_view();
    view! {
        <div class=class>
            <label for="activity">{t(Msg::FieldActivity)}</label>
            {error.map(|e| view! { <p class="field-error" id="activity-error">{e}</p> })}
            <select id="activity" name="activity" aria-invalid=invalid aria-describedby=described>
                <option value="">{t(Msg::ChooseOption)}</option>
                {options}
            </select>
        </div>
    }
}

pub const VAT_OPTIONS: [(&str, Msg); 2] = [
    ("monthly", Msg::VatMonthly),
    ("quarterly", Msg::VatQuarterly),
];

pub fn label_of(options: &[(&str, Msg)], code: &str) -> &'static str {
    options
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, m)| t(*m))
        .unwrap_or("")
}

#[component]
pub fn BusinessPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let register_action = ServerAction::<RegisterBusiness>::new();
    let verify_action = ServerAction::<RequestBusinessVerification>::new();
    let state = FormState::from_result(register_action.value().get_untracked());
    let verify_state = FormState::from_result(verify_action.value().get_untracked());
    let saved = query("saved").and_then(|s| match s.as_str() {
        "business" => Some(Msg::BusinessSaved),
        "verification" => Some(Msg::BusinessVerificationSent),
        _ => None,
    });
    let (activity_error, activity_value) = (state.error("activity"), state.value("activity"));
    view! {
        <PageTitle text=t(Msg::BusinessTitle) />
        {saved.map(|msg| view! { <Notice msg=msg /> })}
        <h1>{t(Msg::BusinessTitle)}</h1>
        <p>{t(Msg::BusinessNeedsVerification)}</p>
        <ErrorSummary state=verify_state />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let businesses = my_account().await.map(|a| a.businesses).unwrap_or_default();
                let categories = crate::api::tax_rates::business_categories().await.unwrap_or_default();
                if businesses.is_empty() {
                    return view! { <p>{t(Msg::BusinessNone)}</p> }.into_any();
                }
                businesses
                    .into_iter()
                    .map(|b| {
                        let can_request = matches!(b.verification.as_str(), "unverified" | "rejected");
                        let tax_links = (b.verification == crate::domain::account::Verification::Verified).then(|| {
                            let id = b.id.clone();
                            view! {
                                <ul class="inline-list">
                                    <li><a href=format!("/business/tax?business={id}")>{t(Msg::TaxTitle)}</a></li>
                                    <li><a href=format!("/business/tax/debts?business={id}")>{t(Msg::TaxDebtsTitle)}</a></li>
                                    <li><a href=format!("/business/tax/warrants?business={id}")>{t(Msg::TaxWarrantsTitle)}</a></li>
                                </ul>
                            }
                        });
                        let heading_id = format!("business-{}", b.id);
                        let section_label = heading_id.clone();
                        view! {
                            <section class="card" aria-labelledby=section_label>
                                <h2 id=heading_id class="card__title">{b.name.clone()}</h2>
                                <dl class="summary">
                                    <dt>{t(Msg::FieldAfm)}</dt><dd>{b.afm.clone()}</dd>
                                    <dt>{t(Msg::FieldLegalForm)}</dt><dd>{label_of(&LEGAL_FORM_OPTIONS, &b.legal_form)}</dd>
                                    <dt>{t(Msg::FieldActivity)}</dt><dd>{category_name(&categories, &b.activity)}</dd>
                                    <dt>{t(Msg::FieldVatPeriod)}</dt><dd>{label_of(&VAT_OPTIONS, &b.vat_period)}</dd>
                                </dl>
                                <VerificationStatus state=b.verification note=b.verification_note.clone() />
                                {can_request.then(|| view! {
                                    <ActionForm action=verify_action>
                                        <input type="hidden" name="business_id" value=b.id.clone() />
                                        <button type="submit" class="button button--secondary">{t(Msg::RequestVerificationButton)}</button>
                                    </ActionForm>
                                })}
                                {tax_links}
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            })}
        </Suspense>
        <h2>{t(Msg::BusinessRegisterHeading)}</h2>
        <ErrorSummary state=state.clone() />
        <ActionForm action=register_action>
            <Field name="afm" label=Msg::FieldAfm hint=Msg::FieldAfmHint autocomplete="off"
                error=state.error("afm") value=state.value("afm") />
            <Field name="name" label=Msg::FieldBusinessName autocomplete="organization"
                error=state.error("name") value=state.value("name") />
            <Choice name="legal_form" label=Msg::FieldLegalForm options=LEGAL_FORM_OPTIONS.to_vec()
                error=state.error("legal_form") value=state.value("legal_form") />
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let categories = crate::api::tax_rates::business_categories().await.unwrap_or_default();
                    activity_choice(categories, activity_error, activity_value)
                })}
            </Suspense>
            <Choice name="vat_period" label=Msg::FieldVatPeriod options=VAT_OPTIONS.to_vec()
                error=state.error("vat_period") value=state.value("vat_period") />
            <button type="submit" class="button">{t(Msg::BusinessRegisterButton)}</button>
        </ActionForm>
    }
    .into_any()
}
