//! The privacy notice (GDPR art. 13): who processes what, why, and the user's rights.

use crate::components::PageTitle;
use crate::i18n::{t, Msg};
use crate::site::SiteInfo;
use leptos::prelude::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let site = SiteInfo::current();
    let mailto = format!("mailto:{}", site.contact_email);
    view! {
        <PageTitle text=t(Msg::PrivacyTitle) />
        <crate::components::PageDescription text=Msg::MetaPrivacy />
        <article class="prose">
            <h1>{t(Msg::PrivacyTitle)}</h1>
            <p>{t(Msg::PrivacyIntro)}</p>
            <h2>{t(Msg::PrivacyDataHeading)}</h2>
            <ul>
                <li>{t(Msg::PrivacyData1)}</li>
                <li>{t(Msg::PrivacyData2)}</li>
                <li>{t(Msg::PrivacyData3)}</li>
            </ul>
            <p>{t(Msg::PrivacyBasis)}</p>
            <h2>{t(Msg::PrivacyCookiesHeading)}</h2>
            <p>{t(Msg::PrivacyCookiesText)}</p>
            <h2>{t(Msg::PrivacyRightsHeading)}</h2>
            <p>{t(Msg::PrivacyRightsText)}</p>
            <p>
                {t(Msg::ContactEmailLabel)} " "
                <a href=mailto>{site.contact_email.clone()}</a>
            </p>
        </article>
    }
}
