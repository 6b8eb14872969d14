//! The accessibility statement required by Directive (EU) 2016/2102 (ν. 4727/2020).

use crate::components::PageTitle;
use crate::i18n::{t, Msg};
use crate::site::SiteInfo;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let site = SiteInfo::current();
    let mailto = format!("mailto:{}", site.contact_email);
    view! {
        <PageTitle text=t(Msg::A11yTitle) />
        <crate::components::PageDescription text=Msg::MetaAccessibility />
        <article class="prose">
            <h1>{t(Msg::A11yTitle)}</h1>
            <p>{t(Msg::A11yIntro)} " " <span class="nowrap">{site.public_base_url.clone()}</span></p>
            <h2>{t(Msg::A11yStatusHeading)}</h2>
            <p>{t(Msg::A11yStatusText)}</p>
            <h2>{t(Msg::A11yLimitsHeading)}</h2>
            <ul>
                <li>{t(Msg::A11yLimit1)}</li>
                <li>{t(Msg::A11yLimit2)}</li>
            </ul>
            <h2>{t(Msg::A11yPreparedHeading)}</h2>
            <p>{t(Msg::A11yPreparedText)}</p>
            <h2>{t(Msg::A11yFeedbackHeading)}</h2>
            <p>{t(Msg::A11yFeedbackText)}</p>
            <p>
                {t(Msg::ContactEmailLabel)} " "
                <a href=mailto>{site.contact_email.clone()}</a>
            </p>
            <h2>{t(Msg::A11yEnforcementHeading)}</h2>
            <p>{t(Msg::A11yEnforcementText)}</p>
        </article>
    }
}
