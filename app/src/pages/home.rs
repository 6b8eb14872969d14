//! The home page: what the portal offers, service by service.

use super::guard::query;
use crate::components::{Notice, PageTitle};
use crate::i18n::{t, Msg};
use leptos::prelude::*;

/// A service on the home page; `href` is `None` until its issue has delivered it.
struct Service {
    title: Msg,
    text: Msg,
    href: Option<&'static str>,
}

const SERVICES: &[Service] = &[
    Service {
        title: Msg::ServiceRequestsTitle,
        text: Msg::ServiceRequestsText,
        href: Some("/comment"),
    },
    Service {
        title: Msg::ServiceFinesTitle,
        text: Msg::ServiceFinesText,
        href: Some("/fines"),
    },
    Service {
        title: Msg::ServiceTaxTitle,
        text: Msg::ServiceTaxText,
        href: Some("/business/tax"),
    },
    Service {
        title: Msg::ServiceDebtsTitle,
        text: Msg::ServiceDebtsText,
        href: Some("/debts"),
    },
    Service {
        title: Msg::ServiceCertificatesTitle,
        text: Msg::ServiceCertificatesText,
        href: None,
    },
    Service {
        title: Msg::ServicePaymentsTitle,
        text: Msg::ServicePaymentsText,
        href: Some("/payments"),
    },
];

#[component]
pub fn HomePage() -> impl IntoView {
    let cards = SERVICES
        .iter()
        .map(|service| {
            let title = match service.href {
                Some(href) => view! { <a href=href>{t(service.title)}</a> }.into_any(),
                None => t(service.title).into_any(),
            };
            // Plain words, not a button-like tag: nothing here can be pressed yet.
            let badge = service
                .href
                .is_none()
                .then(|| view! { <p class="coming-soon">{t(Msg::ComingSoon)}</p> });
            view! {
                <li class="card">
                    <h3 class="card__title">{title}</h3>
                    <p>{t(service.text)}</p>
                    {badge}
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=t(Msg::NavHome) />
        <crate::components::PageDescription text=Msg::MetaHome />
        {query("signed_out").map(|_| view! { <Notice msg=Msg::SignedOut /> })}
        <h1>{t(Msg::HomeTitle)}</h1>
        <p class="lead">{t(Msg::HomeIntro)}</p>
        <h2 id="services">{t(Msg::ServicesHeading)}</h2>
        <ul class="cards">{cards}</ul>
    }
}
