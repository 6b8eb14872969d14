//! Business pages: the businesses a user represents, their verification, and registering one.

use super::account::VerificationStatus;
use super::guard::{query, signed_in};
use crate::api::accounts::*;
use crate::components::{Choice, ErrorSummary, Field, FormState, Notice};
use crate::i18n::{t, Msg};
use leptos::prelude::*;
use leptos_meta::Title;

pub const LEGAL_FORM_OPTIONS: [(&str, Msg); 7] = [
    ("sole", Msg::LegalSole),
    ("oe", Msg::LegalOe),
    ("ee", Msg::LegalEe),
    ("ike", Msg::LegalIke),
    ("epe", Msg::LegalEpe),
    ("ae", Msg::LegalAe),
    ("other", Msg::LegalOther),
];

pub const ACTIVITY_OPTIONS: [(&str, Msg); 4] = [
    ("catering", Msg::ActivityCatering),
    ("night_club", Msg::ActivityNightClub),
    ("hotel", Msg::ActivityHotel),
    ("other", Msg::ActivityOther),
];

const VAT_OPTIONS: [(&str, Msg); 2] = [
    ("monthly", Msg::VatMonthly),
    ("quarterly", Msg::VatQuarterly),
];

fn label_of(options: &[(&str, Msg)], code: &str) -> &'static str {
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
    view! {
        <Title text=t(Msg::BusinessTitle) />
        {saved.map(|msg| view! { <Notice msg=msg /> })}
        <h1>{t(Msg::BusinessTitle)}</h1>
        <p>{t(Msg::BusinessNeedsVerification)}</p>
        <ErrorSummary state=verify_state />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let businesses = my_account().await.map(|a| a.businesses).unwrap_or_default();
                if businesses.is_empty() {
                    return view! { <p>{t(Msg::BusinessNone)}</p> }.into_any();
                }
                businesses
                    .into_iter()
                    .map(|b| {
                        let can_request = matches!(b.verification.as_str(), "unverified" | "rejected");
                        let heading_id = format!("business-{}", b.id);
                        let section_label = heading_id.clone();
                        view! {
                            <section class="card" aria-labelledby=section_label>
                                <h2 id=heading_id class="card__title">{b.name.clone()}</h2>
                                <dl class="summary">
                                    <dt>{t(Msg::FieldAfm)}</dt><dd>{b.afm.clone()}</dd>
                                    <dt>{t(Msg::FieldLegalForm)}</dt><dd>{label_of(&LEGAL_FORM_OPTIONS, &b.legal_form)}</dd>
                                    <dt>{t(Msg::FieldActivity)}</dt><dd>{label_of(&ACTIVITY_OPTIONS, &b.activity)}</dd>
                                    <dt>{t(Msg::FieldVatPeriod)}</dt><dd>{label_of(&VAT_OPTIONS, &b.vat_period)}</dd>
                                </dl>
                                <VerificationStatus state=b.verification.clone() note=b.verification_note.clone() />
                                {can_request.then(|| view! {
                                    <ActionForm action=verify_action>
                                        <input type="hidden" name="business_id" value=b.id.clone() />
                                        <button type="submit" class="button button--secondary">{t(Msg::RequestVerificationButton)}</button>
                                    </ActionForm>
                                })}
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
            <Choice name="activity" label=Msg::FieldActivity options=ACTIVITY_OPTIONS.to_vec()
                error=state.error("activity") value=state.value("activity") />
            <Choice name="vat_period" label=Msg::FieldVatPeriod options=VAT_OPTIONS.to_vec()
                error=state.error("vat_period") value=state.value("vat_period") />
            <button type="submit" class="button">{t(Msg::BusinessRegisterButton)}</button>
        </ActionForm>
    }
    .into_any()
}
