//! Business pages of the municipal tax: declarations (the form is in `tax_form`) and their
//! history, a declaration's page (pay, rejected, accepted, amend), certified debts to pay,
//! and warranted payments.

use super::guard::{query, signed_in};
use super::tax_form::DeclarationForm;
use crate::api::payments::Pay;
use crate::api::tax::*;
use crate::components::{ErrorSummary, FormState, Notice};
use crate::components::{PageTitle, PayButtons};
use crate::domain::account::VatPeriodType;
use crate::domain::payment::PaymentState;
use crate::domain::tax::{format_percent, TaxPeriod};
use crate::domain::tax::{DeclarationState, WarrantState};
use crate::domain::time::parse_iso_date;
use crate::domain::Money;
use crate::i18n::labels::{declaration_state_label, euros};
use crate::i18n::{t, use_lang, Msg};
use crate::views::tax::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rust_decimal::Decimal;
use std::str::FromStr;

fn percent(text: &str) -> String {
    format_percent(Decimal::from_str(text).unwrap_or_default(), use_lang())
}

/// A period in words, from its stored parts.
pub fn period_label(kind: &str, number: i64, year: i64) -> String {
    let kind = VatPeriodType::parse(kind).unwrap_or(VatPeriodType::Monthly);
    TaxPeriod::new(kind, u32::try_from(number).unwrap_or(0), year)
        .map(|p| p.label(use_lang()))
        .unwrap_or_default()
}

/// The businesses to choose from, when the user represents more than one.
fn business_switch(data: &MyTaxView, path: &'static str) -> impl IntoView {
    (data.businesses.len() > 1).then(|| {
        let chosen = data.chosen.as_ref().map(|c| c.id.clone()).unwrap_or_default();
        let links = data
            .businesses
            .iter()
            .map(|b| {
                let current = (b.id == chosen).then_some("page");
                view! { <li><a href=format!("{path}?business={}", b.id) aria-current=current>{b.name.clone()} " (" {b.afm.clone()} ")"</a></li> }
            })
            .collect_view();
        view! {
            <nav aria-label=t(Msg::TaxChooseBusiness)><ul class="inline-list">{links}</ul></nav>
        }
    })
}

/// The sub-navigation of business services.
fn tax_nav(business_id: &str, current: &'static str) -> impl IntoView {
    let link = |path: &'static str, msg: Msg| {
        let here = (path == current).then_some("page");
        view! { <li><a href=format!("{path}?business={business_id}") aria-current=here>{t(msg)}</a></li> }
    };
    view! {
        <nav aria-label=t(Msg::ServiceTaxTitle)>
            <ul class="inline-list">
                {link("/business/tax", Msg::TaxDeclarationsTitle)}
                {link("/business/tax/debts", Msg::TaxDebtsTitle)}
                {link("/business/tax/warrants", Msg::TaxWarrantsTitle)}
            </ul>
        </nav>
    }
}

/// Loads the user's tax data and shows `body` for a verified business, or says what to do.
fn with_verified_business<F, V>(path: &'static str, body: F) -> impl IntoView
where
    F: Fn(MyTaxView, TaxFile) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let business = query("business");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(data) = my_tax(business).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let switch = business_switch(&data, path);
                let Some(chosen) = data.chosen.clone() else {
                    return view! {
                        <p>{t(Msg::TaxNoBusiness)}</p>
                        <p><a href="/business">{t(Msg::TaxRegisterBusiness)}</a></p>
                    }
                    .into_any();
                };
                let Some(file) = data.file.clone() else {
                    return view! {
                        {switch}
                        <div class="notice notice--warning" role="status">
                            <p><strong>{chosen.name.clone()}</strong> ": " {t(Msg::TaxNeedsVerification)}</p>
                            <p><a href="/business">{t(Msg::TaxGetVerified)}</a></p>
                        </div>
                    }
                    .into_any();
                };
                view! {
                    {switch}
                    <p class="business-line">{file.business.name.clone()} " · " {t(Msg::FieldAfm)} " " {file.business.afm.clone()}</p>
                    {tax_nav(&file.business.id, path)}
                    {body(data, file)}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn TaxPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let declare = ServerAction::<DeclareTax>::new();
    let state = FormState::from_result(declare.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::TaxTitle) />
        <h1>{t(Msg::TaxTitle)}</h1>
        <p>{t(Msg::TaxIntro)}</p>
        {with_verified_business("/business/tax", move |_data, file| {
            // What is still to declare, before the form that declares it.
            let to_declare = if file.to_declare.is_empty() {
                view! { <p>{t(Msg::TaxNothingToDeclare)}</p> }.into_any()
            } else {
                let items = file
                    .to_declare
                    .iter()
                    .map(|label| view! { <li>{label.clone()}</li> })
                    .collect_view();
                view! { <ul class="to-declare">{items}</ul> }.into_any()
            };
            view! {
                <section aria-labelledby="to-declare-heading">
                    <h2 id="to-declare-heading">{t(Msg::TaxToDeclare)}</h2>
                    {to_declare}
                </section>
                <DeclarationForm file=file.clone() state=state.clone() declare=declare amend=None />
                <h2>{t(Msg::TaxHistory)}</h2>
                {history_table(file.declarations.clone())}
            }
        })}
    }
    .into_any()
}

fn history_table(declarations: Vec<Declaration>) -> impl IntoView {
    if declarations.is_empty() {
        return view! { <p>{t(Msg::TaxHistoryNone)}</p> }.into_any();
    }
    let rows = declarations
        .into_iter()
        .map(|d| {
            let amended = (d.revision > 0).then(|| view! { " " <span class="tag">{t(Msg::TaxAmended)}</span> });
            let receipt = match (&d.receipt, &d.payment_id) {
                (Some(number), Some(payment)) => view! { <a href=format!("/payments/{payment}/receipt")>{number.clone()}</a> }.into_any(),
                _ => view! { "—" }.into_any(),
            };
            view! {
                <tr>
                    <td class="nowrap"><a href=format!("/business/tax/declarations/{}", d.id)>{period_label(&d.period_kind, d.period_number, d.period_year)}</a>{amended}</td>
                    <td class="num nowrap">{euros(d.revenue)}</td>
                    <td class="num nowrap">{euros(d.tax_due)}</td>
                    <td class="num nowrap">{euros(d.fine)}</td>
                    <td class="num nowrap">{euros(d.total)}</td>
                    <td>{t(declaration_state_label(d.state))}</td>
                    <td>{receipt}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::TaxPeriod)}</th>
                        <th scope="col">{t(Msg::TaxRevenue)}</th>
                        <th scope="col">{t(Msg::TaxAmount)}</th>
                        <th scope="col">{t(Msg::TaxFine)}</th>
                        <th scope="col">{t(Msg::TaxTotal)}</th>
                        <th scope="col">{t(Msg::ColumnStatus)}</th>
                        <th scope="col">{t(Msg::ReceiptNumberPlain)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The stored figure of a declaration, in the preview's form.
fn stored_computation(d: &Declaration) -> impl IntoView {
    let late = if d.late_months == 0 {
        t(Msg::TaxOnTime).to_owned()
    } else {
        t(Msg::TaxLateMonths).replace("{months}", &d.late_months.to_string())
    };
    let due = parse_iso_date(&d.due_date)
        .map(|d| crate::domain::time::format_date(d, use_lang()))
        .unwrap_or_default();
    let filed = parse_iso_date(&d.vat_filed_on)
        .map(|d| crate::domain::time::format_date(d, use_lang()))
        .unwrap_or_default();
    let amended = (d.revision > 0).then(|| {
        view! {
            <dt>{t(Msg::TaxAlreadyAssessed)}</dt><dd>{euros(d.already_assessed)}</dd>
            <dt>{t(Msg::TaxDue)}</dt><dd>{euros(d.tax_due)}</dd>
        }
    });
    view! {
        <dl class="summary">
            <dt>{t(Msg::TaxPeriod)}</dt><dd>{period_label(&d.period_kind, d.period_number, d.period_year)}</dd>
            <dt>{t(Msg::TaxVatFiledOn)}</dt><dd>{filed}</dd>
            <dt>{t(Msg::TaxRevenue)}</dt><dd>{euros(d.revenue)}</dd>
            <dt>{t(Msg::TaxRate)}</dt><dd>{percent(&d.rate_percent)}</dd>
            <dt>{t(Msg::TaxAmount)}</dt><dd>{euros(d.tax)}</dd>
            {amended}
            <dt>{t(Msg::TaxDueDate)}</dt><dd>{due} " · " {late}</dd>
            <dt>{t(Msg::TaxFine)} " (" {percent(&d.fine_percent)} ")"</dt><dd class="tax-fine">{euros(d.fine)}</dd>
            <dt>{t(Msg::TaxTotal)}</dt><dd><strong class="tax-total">{euros(d.total)}</strong></dd>
            <dt>{t(Msg::ColumnStatus)}</dt><dd class="tax-state">{t(declaration_state_label(d.state))}</dd>
        </dl>
    }
}

#[component]
pub fn DeclarationPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let pay = ServerAction::<Pay>::new();
    let pay_state = FormState::from_result(pay.value().get_untracked());
    let declare = ServerAction::<DeclareTax>::new();
    let declare_state = FormState::from_result(declare.value().get_untracked());
    let notice = if query("already").is_some() {
        Some(Msg::TaxAlreadyAccepted)
    } else if query("waiting").is_some() {
        Some(Msg::TaxAwaitingNotice)
    } else {
        None
    };
    view! {
        <ErrorSummary state=pay_state />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(d) = tax_declaration(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let period = period_label(&d.period_kind, d.period_number, d.period_year);
                // An accepted declaration can be amended: the form needs the business's rules.
                let amend_file = if d.state == DeclarationState::Accepted {
                    my_tax(Some(d.business_id.clone())).await.ok().and_then(|m| m.file)
                } else {
                    None
                };
                let body = match d.state {
                    DeclarationState::Accepted => {
                        let receipt = d.payment_id.clone().map(|payment| view! {
                            <p><a href=format!("/payments/{payment}/receipt")>{t(Msg::ReceiptDoc)} " " {d.receipt.clone().unwrap_or_default()}</a></p>
                        });
                        let amend_form = amend_file.map(|file| view! {
                            <DeclarationForm file=file state=declare_state.clone() declare=declare amend=Some(d.clone()) />
                        });
                        view! {
                            <p class="notice" role="status">{t(Msg::TaxAcceptedText)}</p>
                            {receipt}
                            <h2>{t(Msg::TaxAmendHeading)}</h2>
                            <p>{t(Msg::TaxAmendIntro)}</p>
                            {amend_form}
                        }
                        .into_any()
                    }
                    DeclarationState::Rejected => {
                        let reason = match d.rejected_because {
                            Some(PaymentState::Failed) => Msg::TaxRejectedDeclined,
                            Some(PaymentState::Cancelled) => Msg::TaxRejectedCancelled,
                            Some(PaymentState::Expired) => Msg::TaxRejectedExpired,
                            _ => Msg::TaxRejectedError,
                        };
                        let again = format!(
                            "/business/tax?business={}&period={}&year={}",
                            d.business_id, d.period_number, d.period_year
                        );
                        view! {
                            <div class="notice notice--warning" role="status">
                                <p><strong>{t(Msg::TaxRejectedText)}</strong></p>
                                <p>{t(reason)}</p>
                            </div>
                            <p><a class="button" href=again>{t(Msg::TaxSubmitAgain)}</a></p>
                        }
                        .into_any()
                    }
                    _ => {
                        let (declaration_id, total) = (d.id.clone(), euros(d.total));
                        view! {
                            <p role="status">{t(Msg::TaxAwaitingText)}</p>
                            <ActionForm action=pay>
                                <input type="hidden" name="kind" value="tax" />
                                <input type="hidden" name="purpose_id" value=declaration_id />
                                <PayButtons amount=total />
                            </ActionForm>
                        }
                        .into_any()
                    }
                };
                let title = if d.revision > 0 { Msg::TaxAmendedDeclarationTitle } else { Msg::TaxDeclarationTitle };
                view! {
                    <PageTitle text=t(title) />
                    {notice.map(|msg| view! { <Notice msg=msg /> })}
                    <h1>{t(title)} " " {period.clone()}</h1>
                    <p>{d.business_name.clone()} " · " {t(Msg::FieldAfm)} " " {d.business_afm.clone()}</p>
                    {stored_computation(&d)}
                    {body}
                    <p><a href=format!("/business/tax?business={}", d.business_id)>{t(Msg::TaxBackToDeclarations)}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn TaxDebtsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <PageTitle text=t(Msg::TaxDebtsTitle) />
        <h1>{t(Msg::TaxDebtsTitle)}</h1>
        <p>{t(Msg::TaxDebtsIntro)}</p>
        {with_verified_business("/business/tax/debts", move |_data, file| {
            let business = file.business.id.clone();
            view! {
                {debts_table(file.debts.clone())}
                <p><a class="button" href=format!("/debts?business={business}")>{t(Msg::TaxDebtsPayOnMyDebts)}</a></p>
            }
        })}
    }
    .into_any()
}

/// The business's municipal-tax debts of the register (paid on "my debts").
pub fn debts_table(debts: Vec<crate::views::debts::DebtLine>) -> impl IntoView {
    if debts.is_empty() {
        return view! { <p>{t(Msg::TaxDebtsNone)}</p> }.into_any();
    }
    super::debts::debt_table(&debts, false, t(Msg::TaxDebtsTitle).to_owned())
}

#[component]
pub fn WarrantsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <PageTitle text=t(Msg::TaxWarrantsTitle) />
        <h1>{t(Msg::TaxWarrantsTitle)}</h1>
        <p>{t(Msg::TaxWarrantsIntro)}</p>
        {with_verified_business("/business/tax/warrants", move |_data, file| warrants_table(file.warrants.clone(), None))}
    }
    .into_any()
}

/// Warrants; with `mark_paid` (cashiers), each unpaid one can be marked paid.
pub fn warrants_table(
    warrants: Vec<Warrant>,
    mark_paid: Option<(ServerAction<MarkWarrantPaid>, String)>,
) -> impl IntoView {
    if warrants.is_empty() {
        return view! { <p>{t(Msg::TaxWarrantsNone)}</p> }.into_any();
    }
    let to_collect = warrants
        .iter()
        .filter(|w| w.state == WarrantState::Warranted)
        .fold(Money::ZERO, |sum, w| {
            sum.checked_add(w.amount).unwrap_or(sum)
        });
    let rows = warrants
        .into_iter()
        .map(|w| {
            let date = parse_iso_date(&w.warrant_date).map(|d| crate::domain::time::format_date(d, use_lang())).unwrap_or_default();
            let state = if w.state == WarrantState::Paid {
                let on = w.paid_on.as_deref().and_then(parse_iso_date).map(|d| crate::domain::time::format_date(d, use_lang())).unwrap_or_default();
                view! { {t(Msg::WarrantStatePaid)} " " {on} }.into_any()
            } else {
                let (id, label) = (w.id.clone(), format!("{} {}", t(Msg::WarrantMarkPaid), w.warrant_number));
                let action = mark_paid.clone().map(|(action, business)| view! {
                    <ActionForm action=action>
                        <input type="hidden" name="warrant_id" value=id />
                        <input type="hidden" name="business_id" value=business />
                        <button type="submit" class="button button--secondary" aria-label=label>{t(Msg::WarrantMarkPaid)}</button>
                    </ActionForm>
                });
                view! { {t(Msg::WarrantStateWarranted)} {action} }.into_any()
            };
            view! {
                <tr>
                    <td class="nowrap">{w.warrant_number.clone()}</td>
                    <td class="nowrap">{date}</td>
                    <td>{w.description.clone()}</td>
                    <td class="num nowrap">{euros(w.amount)}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{t(Msg::WarrantsToCollect)} " " <strong class="warrants-total">{euros(to_collect)}</strong></p>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::WarrantNumber)}</th>
                        <th scope="col">{t(Msg::ColumnDate)}</th>
                        <th scope="col">{t(Msg::TaxDescription)}</th>
                        <th scope="col">{t(Msg::ColumnAmount)}</th>
                        <th scope="col">{t(Msg::ColumnStatus)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
