//! Debts pages of the debtor: "my debts" (grouped by kind, totals, pay several in one
//! payment) and the debtor's card for a proved ΑΦΜ; the debts table and the card are shared
//! with the staff's pages (`debts_staff`).

use super::debt_rows::debt_rows_html;
use super::guard::{query, signed_in};
use crate::api::debts::*;
use crate::components::{ErrorSummary, FormState, PageTitle, PayButtons};
use crate::domain::debt::{DebtKind, DebtState};
use crate::domain::time::{format_iso_date, format_local};
use crate::domain::Money;
use crate::i18n::labels::{debt_kind_label, euros, payment_state_label, purpose_label};
use crate::i18n::{t, use_lang, Msg};
use crate::views::debts::*;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_router::hooks::use_params_map;

pub(super) fn param(name: &str) -> String {
    use_params_map()
        .get_untracked()
        .get(name)
        .unwrap_or_default()
}

fn date(iso: &str) -> String {
    format_iso_date(iso, use_lang())
}

/// The debtors to choose from, when more than one ΑΦΜ is the user's (debts, notices, fees).
pub(super) fn debtor_switch(
    debtors: &[ProvedDebtor],
    chosen: Option<&ProvedDebtor>,
    path: &'static str,
) -> impl IntoView {
    (debtors.len() > 1).then(|| {
        let links = debtors
            .iter()
            .map(|d| {
                let current = (Some(d) == chosen).then_some("page");
                view! { <li><a href=format!("{path}{}", d.query()) aria-current=current>{d.name.clone()} " (" {d.afm.clone()} ")"</a></li> }
            })
            .collect_view();
        view! { <nav aria-label=t(Msg::DebtsChooseDebtor)><ul class="inline-list">{links}</ul></nav> }
    })
}

/// Nothing proved yet: how to get there.
pub(super) fn not_verified() -> impl IntoView {
    view! {
        <div class="notice notice--warning" role="status">
            <p>{t(Msg::DebtsNeedVerification)}</p>
            <p><a href="/account">{t(Msg::DebtsVerifyYourself)}</a> " · " <a href="/business">{t(Msg::TaxGetVerified)}</a></p>
        </div>
    }
}

/// Debts as a table; with `choose`, each payable one has a box to pay it with others. A
/// table wider than the screen scrolls inside a region the keyboard can reach, named by
/// `label` (each on a page has its own). The body is written as text (`debt_rows`) and
/// goes into the page as it is: as an attribute it would be copied once more.
pub fn debt_table<'a>(
    debts: impl IntoIterator<Item = &'a DebtLine>,
    choose: bool,
    label: String,
) -> AnyView {
    let body = InertElement::new(debt_rows_html(debts, choose, use_lang()));
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="stack-on-phone debts">
                <thead>
                    <tr>
                        {choose.then(|| view! { <th scope="col">{t(Msg::DebtsPickColumn)}</th> })}
                        <th scope="col">{t(Msg::DebtReference)}</th>
                        <th scope="col">{t(Msg::DebtCategory)}</th>
                        <th scope="col">{t(Msg::TaxDescription)}</th>
                        <th scope="col">{t(Msg::TaxDueDate)}</th>
                        <th scope="col">{t(Msg::FinePrincipal)}</th>
                        <th scope="col">{t(Msg::TaxInterest)}</th>
                        <th scope="col">{t(Msg::FineTotal)}</th>
                        <th scope="col">{t(Msg::ColumnStatus)}</th>
                    </tr>
                </thead>
                {body}
            </table>
        </div>
    }
    .into_any()
}

/// The open debts by kind, each group with its total, then the overall total.
fn grouped_debts(debts: &[DebtLine], choose: bool) -> impl IntoView {
    let groups = open_by_kind(debts);
    if groups.is_empty() {
        return view! { <p class="no-debts">{t(Msg::DebtsNoneOpen)}</p> }.into_any();
    }
    let overall = groups.iter().fold(Money::ZERO, |sum, g| {
        sum.checked_add(g.total).unwrap_or(sum)
    });
    let sections = groups
        .into_iter()
        .map(|group| {
            view! {
                <section class="debt-group">
                    <h3>{t(debt_kind_label(group.kind))}</h3>
                    {debt_table(group.debts, choose, t(debt_kind_label(group.kind)).to_owned())}
                    <p class="group-total">{t(Msg::DebtsKindTotal)} ": " <strong>{euros(group.total)}</strong></p>
                </section>
            }
            .into_any()
        })
        .collect_view();
    view! {
        {sections}
        <p class="overall-total">{t(Msg::DebtsOverallTotal)} ": " <strong>{euros(overall)}</strong></p>
    }
    .into_any()
}

/// Debts paid or cancelled, apart.
fn closed_debts(debts: &[DebtLine]) -> impl IntoView {
    let closed: Vec<&DebtLine> = debts
        .iter()
        .filter(|d| !d.is_payable() && d.state != DebtState::InSettlement)
        .collect();
    (!closed.is_empty()).then(|| {
        view! {
            <h2>{t(Msg::DebtsClosedTitle)}</h2>
            {debt_table(closed, false, t(Msg::DebtsClosedTitle).to_owned())}
        }
    })
}

/// Debts in a settlement plan: shown, paid by the plan.
fn settled_debts(debts: &[DebtLine]) -> impl IntoView {
    let settled: Vec<&DebtLine> = debts
        .iter()
        .filter(|d| d.state == DebtState::InSettlement)
        .collect();
    (!settled.is_empty()).then(|| {
        view! {
            <h2>{t(debt_kind_label(DebtKind::InSettlement))}</h2>
            {debt_table(settled, false, t(debt_kind_label(DebtKind::InSettlement)).to_owned())}
        }
    })
}

#[component]
pub fn MyDebtsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let pay = ServerAction::<PayDebts>::new();
    let pay_state = FormState::from_result(pay.value().get_untracked());
    // "New notice" posts the same form elsewhere (`formaction`), so it has a state too.
    let make_notice = ServerAction::<crate::api::notices::CreateNotice>::new();
    let notice_state = FormState::from_result(make_notice.value().get_untracked());
    let business = query("business");
    view! {
        <PageTitle text=t(Msg::DebtsTitle) />
        <h1>{t(Msg::DebtsTitle)}</h1>
        <p>{t(Msg::DebtsIntro)}</p>
        <ErrorSummary state=pay_state />
        <ErrorSummary state=notice_state />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(data) = my_debts(business).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let switch = debtor_switch(&data.debtors, data.chosen.as_ref(), "/debts");
                let Some(chosen) = data.chosen.clone() else {
                    return not_verified().into_any();
                };
                let note = t(Msg::DebtsInterestNote)
                    .replace("{rate}", &data.interest_percent.replace('.', if use_lang() == crate::domain::Lang::El { "," } else { "." }))
                    .replace("{date}", &date(&data.today));
                let any_payable = data.debts.iter().any(|d| d.is_payable());
                let (open, settled, closed) = (grouped_debts(&data.debts, true), settled_debts(&data.debts), closed_debts(&data.debts));
                let business_id = chosen.business_id.clone().unwrap_or_default();
                view! {
                    {switch}
                    <p class="business-line">{chosen.name.clone()} " · " {t(Msg::FieldAfm)} " " {chosen.afm.clone()}</p>
                    <p>
                        <a href=format!("/debts/card{}", chosen.query())>{t(Msg::DebtorCardTitle)}</a>
                        " · "
                        <a href=format!("/notices{}", chosen.query())>{t(Msg::NoticesTitle)}</a>
                    </p>
                    <p class="hint">{note}</p>
                    <h2>{t(Msg::DebtsOpenTitle)}</h2>
                    <ActionForm action=pay>
                        <input type="hidden" name="business_id" value=business_id />
                        {open}
                        {any_payable.then(|| view! {
                            <p class="hint" id="debts">{t(Msg::DebtsPayHint)}</p>
                            <PayButtons />
                            <p class="hint">{t(Msg::NoticeMakeHint)}</p>
                            <button type="submit" class="button button--secondary" formaction="/api/create_notice">{t(Msg::NoticeMakeButton)}</button>
                        })}
                    </ActionForm>
                    {settled}
                    {closed}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// The card's payments: every payment of every kind for the debtor, with its receipt.
fn card_payments(payments: Vec<CardPayment>) -> impl IntoView {
    if payments.is_empty() {
        return view! { <p>{t(Msg::DebtorCardNoPayments)}</p> }.into_any();
    }
    let lang = use_lang();
    let rows = payments
        .into_iter()
        .map(|p| {
            let what = match lang {
                crate::domain::Lang::El => p.description_el.clone(),
                crate::domain::Lang::En => p.description_en.clone(),
            }
            .unwrap_or_else(|| t(purpose_label(p.purpose_kind)).to_owned());
            let receipt = p.receipt.clone().map(|number| view! {
                <a href=format!("/payments/{}/receipt", p.id)>{number}</a>
            });
            view! {
                <tr>
                    <td class="nowrap" data-label=t(Msg::ColumnDate)>{format_local(p.created_at_ms, lang)}</td>
                    <td data-label=t(Msg::ReceiptPurpose)>{what}</td>
                    <td class="num nowrap" data-label=t(Msg::ColumnAmount)>{euros(p.amount)}</td>
                    <td data-label=t(Msg::ColumnStatus)>{t(payment_state_label(p.state))}</td>
                    <td data-label=t(Msg::ReceiptNumberPlain)>{receipt}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="stack-on-phone card-payments">
                <thead><tr>
                    <th scope="col">{t(Msg::ColumnDate)}</th>
                    <th scope="col">{t(Msg::ReceiptPurpose)}</th>
                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                    <th scope="col">{t(Msg::ColumnStatus)}</th>
                    <th scope="col">{t(Msg::ReceiptNumberPlain)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The card itself, as the debtor or staff see it.
pub(super) fn debtor_card(card: DebtorCard, staff: bool) -> impl IntoView {
    let record = card.record.clone();
    let dash = || "—".to_owned();
    let details = view! {
        <dl class="summary">
            <dt>{t(Msg::DebtorName)}</dt><dd>{card.name.clone()}</dd>
            <dt>{t(Msg::FieldAfm)}</dt><dd>{card.afm.clone()}</dd>
            <dt>{t(Msg::FieldAddress)}</dt><dd>{record.as_ref().and_then(|r| r.address.clone()).unwrap_or_else(dash)}</dd>
            <dt>{t(Msg::FieldEmail)}</dt><dd>{record.as_ref().and_then(|r| r.email.clone()).unwrap_or_else(dash)}</dd>
            <dt>{t(Msg::FieldPhone)}</dt><dd>{record.as_ref().and_then(|r| r.phone.clone()).unwrap_or_else(dash)}</dd>
        </dl>
    };
    let debts = card.debts.clone();
    let all_debts = (!debts.is_empty())
        .then(|| debt_table(&debts, false, t(Msg::DebtorCardAllDebts).to_owned()));
    // Staff open each debt (its history, correction, cancellation) from here.
    let links = (staff && !debts.is_empty()).then(|| {
        let items = debts
            .iter()
            .map(|d| view! { <li><a href=format!("/staff/debt/{}", d.id)>{d.reference.clone().unwrap_or_else(|| d.id.clone())} " · " {d.description.clone()}</a></li> })
            .collect_view();
        view! { <h2>{t(Msg::DebtorCardOpenDebt)}</h2> <ul class="debt-links">{items}</ul> }
    });
    let any_payable = card.debts.iter().any(|d| d.is_payable());
    let grouped = match record.clone().filter(|_| staff && any_payable) {
        Some(record) => {
            let action = ServerAction::<crate::api::notices::StaffCreateNotice>::new();
            let state = FormState::from_result(action.value().get_untracked());
            view! {
                <ErrorSummary state=state />
                <ActionForm action=action>
                    <input type="hidden" name="debtor_id" value=record.id.clone() />
                    {grouped_debts(&card.debts, true)}
                    <button type="submit" class="button">{t(Msg::NoticeStaffMake)}</button>
                </ActionForm>
            }
            .into_any()
        }
        None => grouped_debts(&card.debts, false).into_any(),
    };
    view! {
        {details}
        <h2>{t(Msg::DebtorCardDebts)}</h2>
        {grouped}
        {all_debts.map(|table| view! { <details><summary>{t(Msg::DebtorCardAllDebts)}</summary>{table}</details> })}
        {links}
        <h2>{t(Msg::DebtorCardPayments)}</h2>
        {card_payments(card.payments)}
    }
}

#[component]
pub fn DebtorCardPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let business = query("business");
    view! {
        <PageTitle text=t(Msg::DebtorCardTitle) />
        <h1>{t(Msg::DebtorCardTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_debtor_card(business.clone()).await {
                    Ok(Some(card)) => view! {
                        {debtor_card(card, false)}
                        <p><a href=format!("/debts{}", business.map(|b| format!("?business={b}")).unwrap_or_default())>{t(Msg::DebtsTitle)}</a></p>
                    }
                    .into_any(),
                    Ok(None) => not_verified().into_any(),
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}
