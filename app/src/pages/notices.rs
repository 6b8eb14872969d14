//! Notices pages: "my notices", one notice as printed (RF, account, EPC code to scan, pay
//! by card, PDF), fees on request, and the admins' fee catalogue.

use super::guard::{query, signed_in, with_role};
use crate::api::notices::*;
use crate::api::payments::Pay;
use crate::components::{ErrorSummary, Field, FormState, Notice, PageTitle, PayButtons};
use crate::domain::account::Role;
use crate::domain::notice::{NoticeKind, NoticeShown};
use crate::domain::time::format_iso_date;
use crate::i18n::labels::{euros, notice_shown_label};
use crate::i18n::{t, use_lang, Msg};
use crate::site::SiteInfo;
use crate::views::notices::*;
use leptos::prelude::*;

fn date(iso: &str) -> String {
    format_iso_date(iso, use_lang())
}

/// What a notice is called in a list or heading: its number, or its RF when imported.
fn notice_name(row: &NoticeRow) -> String {
    match row.number {
        Some(number) => format!("{} {number}", t(Msg::NoticeNumberShort)),
        None => row.rf.clone(),
    }
}

/// A debtor's notices as a table; each opens its printable page.
pub fn notice_table(notices: &[NoticeRow], label: String) -> AnyView {
    if notices.is_empty() {
        return view! { <p>{t(Msg::NoticesNone)}</p> }.into_any();
    }
    let rows = notices
        .iter()
        .map(|n| {
            let kind = match n.kind {
                NoticeKind::Debts => t(Msg::NoticeKindDebts),
                NoticeKind::Fee => t(Msg::NoticeKindFee),
            };
            view! {
                <tr>
                    <td data-label=t(Msg::NoticeNumber)><a href=format!("/notices/{}", n.id)>{notice_name(n)}</a></td>
                    <td data-label=t(Msg::NoticeKind)>{kind}</td>
                    <td class="nowrap" data-label=t(Msg::NoticeIssued)>{date(&n.issued_on)}</td>
                    <td class="nowrap rf" data-label=t(Msg::NoticeRf)>{n.rf.clone()}</td>
                    <td class="num nowrap" data-label=t(Msg::ColumnAmount)>{euros(n.amount)}</td>
                    <td class="nowrap" data-label=t(Msg::NoticePayBy)>{date(&n.pay_by)}</td>
                    <td data-label=t(Msg::ColumnStatus)><span class=format!("state state--{}", shown_class(n.shown))>{t(notice_shown_label(n.shown))}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="stack-on-phone notices">
                <thead><tr>
                    <th scope="col">{t(Msg::NoticeNumber)}</th>
                    <th scope="col">{t(Msg::NoticeKind)}</th>
                    <th scope="col">{t(Msg::NoticeIssued)}</th>
                    <th scope="col">{t(Msg::NoticeRf)}</th>
                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                    <th scope="col">{t(Msg::NoticePayBy)}</th>
                    <th scope="col">{t(Msg::ColumnStatus)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn shown_class(shown: NoticeShown) -> &'static str {
    match shown {
        NoticeShown::Open => "open",
        NoticeShown::Paid => "paid",
        NoticeShown::Replaced => "replaced",
        NoticeShown::Cancelled => "cancelled",
        NoticeShown::Expired => "expired",
    }
}

#[component]
pub fn MyNoticesPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let business = query("business");
    view! {
        <PageTitle text=t(Msg::NoticesTitle) />
        <h1>{t(Msg::NoticesTitle)}</h1>
        <p>{t(Msg::NoticesIntro)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(data) = my_notices(business).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let Some(chosen) = data.chosen.clone() else {
                    return super::debts::not_verified().into_any();
                };
                let switch =
                    super::debts::debtor_switch(&data.debtors, Some(&chosen), "/notices");
                view! {
                    {switch}
                    <p class="business-line">{chosen.name.clone()} " · " {t(Msg::FieldAfm)} " " {chosen.afm.clone()}</p>
                    <p>
                        <a href=format!("/debts{}", chosen.query())>{t(Msg::NoticesFromDebts)}</a>
                        " · "
                        <a href=format!("/fees{}", chosen.query())>{t(Msg::FeesTitle)}</a>
                    </p>
                    {notice_table(&data.notices, t(Msg::NoticesTitle).to_owned())}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// The EPC code as an SVG drawing (no script, no style: it prints as it shows).
fn epc_svg(qr: &QrDrawing, label: String) -> impl IntoView {
    let side = qr.size + 8;
    view! {
        <svg class="epc-qr" viewBox=format!("0 0 {side} {side}") role="img" aria-label=label
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width=side.to_string() height=side.to_string() fill="#fff" />
            <path d=qr.path.clone() fill="#000" />
        </svg>
    }
}

/// The notice as printed: the page prints as the paper notice (the PDF is the same).
fn notice_document(doc: NoticeDoc) -> impl IntoView {
    let lang = use_lang();
    let site = SiteInfo::current();
    let row = doc.row.clone();
    let title = format!("{} {}", t(Msg::NoticeTitle), notice_name(&row));
    let lines = doc
        .lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td data-label=t(Msg::DebtReference)>{l.reference.clone().unwrap_or_else(|| "—".into())}</td>
                    <td data-label=t(Msg::DebtCategory)>{l.category(lang).to_owned()}</td>
                    <td data-label=t(Msg::TaxDescription)>{l.description.clone()}</td>
                    <td class="nowrap" data-label=t(Msg::TaxDueDate)>{date(&l.due_date)}</td>
                    <td class="num nowrap" data-label=t(Msg::FinePrincipal)>{euros(l.principal)}</td>
                    <td class="num nowrap" data-label=t(Msg::TaxInterest)>{euros(l.interest)}</td>
                    <td class="num nowrap" data-label=t(Msg::DebtsKindTotal)>{euros(l.amount)}</td>
                </tr>
            }
        })
        .collect_view();
    let payable = row.shown == NoticeShown::Open;
    let status = match row.shown {
        NoticeShown::Open => None,
        NoticeShown::Paid => Some(Msg::NoticePaidNote),
        NoticeShown::Replaced => Some(Msg::NoticeReplacedNote),
        NoticeShown::Expired => Some(Msg::NoticeExpiredNote),
        NoticeShown::Cancelled => Some(Msg::NoticeCancelledNote),
    };
    let receipt = row.paid_by.clone().zip(row.receipt.clone()).map(|(payment, number)| {
        view! { <p><a href=format!("/payments/{payment}/receipt")>{t(Msg::ReceiptTitle)} " " {number}</a></p> }
    });
    let qr = doc
        .qr
        .as_ref()
        .map(|qr| epc_svg(qr, t(Msg::NoticeQrAlt).to_owned()));
    let pay = ServerAction::<Pay>::new();
    let pay_state = FormState::from_result(pay.value().get_untracked());
    let counter = ServerAction::<RecordCounterPayment>::new();
    let counter_state = FormState::from_result(counter.value().get_untracked());
    // The cash desk takes the amount on its POS terminal; other staff and debtors pay here.
    let cashier = crate::auth::current_user().is_some_and(|u| u.role == Role::Cashier);
    let id = row.id.clone();
    let counter_id = row.id.clone();
    view! {
        <PageTitle text=title.clone() />
        <article class="notice-doc">
            <p class="issuer">{site.municipality_name(lang).to_owned()}</p>
            <h1>{title}</h1>
            <ErrorSummary state=pay_state />
            {status.map(|msg| view! { <div class="notice notice--warning" role="status"><p>{t(msg)}</p></div> })}
            {receipt}
            <dl class="summary">
                <dt>{t(Msg::DebtorName)}</dt><dd>{doc.debtor_name.clone()}</dd>
                <dt>{t(Msg::FieldAfm)}</dt><dd>{doc.afm.clone()}</dd>
                <dt>{t(Msg::NoticeIssued)}</dt><dd>{date(&row.issued_on)}</dd>
                <dt>{t(Msg::NoticePayBy)}</dt><dd>{date(&row.pay_by)}</dd>
                <dt>{t(Msg::ColumnStatus)}</dt><dd>{t(notice_shown_label(row.shown))}</dd>
            </dl>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t(Msg::NoticeDebts)>
                <table class="stack-on-phone notice-lines">
                    <caption>{t(Msg::NoticeDebts)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Msg::DebtReference)}</th>
                        <th scope="col">{t(Msg::DebtCategory)}</th>
                        <th scope="col">{t(Msg::TaxDescription)}</th>
                        <th scope="col">{t(Msg::TaxDueDate)}</th>
                        <th scope="col">{t(Msg::FinePrincipal)}</th>
                        <th scope="col">{t(Msg::TaxInterest)}</th>
                        <th scope="col">{t(Msg::DebtsKindTotal)}</th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
            <p class="overall-total">{t(Msg::NoticeAmount)} ": " <strong class="notice-amount">{euros(row.amount)}</strong></p>
            {payable.then(|| view! {
                <section class="pay-by-bank" aria-labelledby="pay-by-bank">
                    <h2 id="pay-by-bank">{t(Msg::NoticePayByBank)}</h2>
                    <div class="pay-by-bank__body">
                        {qr}
                        <dl class="summary">
                            <dt>{t(Msg::NoticeRf)}</dt><dd class="rf">{row.rf.clone()}</dd>
                            <dt>{t(Msg::NoticeBeneficiary)}</dt><dd>{doc.payee.beneficiary.clone()}</dd>
                            <dt>"IBAN"</dt><dd class="nowrap">{doc.payee.iban.clone()}</dd>
                            <dt>"BIC"</dt><dd>{doc.payee.bic.clone()}</dd>
                        </dl>
                    </div>
                    <p class="hint">{t(Msg::NoticePayByBankHint)}</p>
                </section>
            })}
            <p class="no-print"><a href=format!("/notices/{}/pdf", row.id) download="">{t(Msg::NoticePdf)}</a></p>
        </article>
        {(payable && cashier).then(|| view! {
            <section class="no-print" aria-labelledby="pay-at-counter">
                <h2 id="pay-at-counter">{t(Msg::CounterTitle)}</h2>
                <p>{t(Msg::CounterIntro)}</p>
                <ErrorSummary state=counter_state.clone() labels=&[("auth_code", Msg::CounterAuthCode)] />
                <ActionForm action=counter>
                    <input type="hidden" name="notice_id" value=counter_id.clone() />
                    <Field name="auth_code" label=Msg::CounterAuthCode hint=Msg::CounterAuthCodeHint autocomplete="off" error=counter_state.error("auth_code") value=counter_state.value("auth_code") required=true maxlength=12 />
                    <button type="submit" class="button">{t(Msg::CounterButton)}</button>
                </ActionForm>
            </section>
        })}
        {(payable && !cashier).then(|| view! {
            <section class="no-print" aria-labelledby="pay-by-card">
                <h2 id="pay-by-card">{t(Msg::NoticePayByCardTitle)}</h2>
                <ActionForm action=pay>
                    <input type="hidden" name="kind" value="notice" />
                    <input type="hidden" name="purpose_id" value=id.clone() />
                    <PayButtons amount=euros(row.amount) />
                </ActionForm>
            </section>
        })}
        <p class="no-print"><a href="/notices">{t(Msg::NoticesTitle)}</a></p>
    }
}

#[component]
pub fn NoticePage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let id = super::debts::param("id");
    let created = query("created").is_some();
    view! {
        {created.then(|| view! { <Notice msg=Msg::NoticeCreated /> })}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match notice(id).await {
                    Ok(doc) => notice_document(doc).into_any(),
                    Err(crate::error::AppError::Conflict(message)) => view! {
                        <PageTitle text=t(Msg::NoticesTitle) />
                        <h1>{t(Msg::NoticesTitle)}</h1>
                        <div class="notice notice--warning" role="status"><p>{message}</p></div>
                    }
                    .into_any(),
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// Fees on request: choose one and get its notice at once.
#[component]
pub fn FeesPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let issue = ServerAction::<IssueFee>::new();
    let state = FormState::from_result(issue.value().get_untracked());
    let business = query("business");
    view! {
        <PageTitle text=t(Msg::FeesTitle) />
        <h1>{t(Msg::FeesTitle)}</h1>
        <p>{t(Msg::FeesIntro)}</p>
        <ErrorSummary state=state.clone() labels=&[("code", Msg::FeeChoose)] />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let lang = use_lang();
                let (Ok(offers), Ok(mine)) = (fee_offers().await, my_notices(business).await) else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let Some(chosen) = mine.chosen.clone() else {
                    return super::debts::not_verified().into_any();
                };
                if offers.is_empty() {
                    return view! { <p>{t(Msg::FeesNone)}</p> }.into_any();
                }
                let error = state.error("code");
                let picked = state.value("code").unwrap_or_default();
                let options = offers
                    .iter()
                    .map(|fee| {
                        let id = format!("fee-{}", fee.code);
                        view! {
                            <div class="radio">
                                <input type="radio" name="code" id=id.clone() value=fee.code.clone() checked=picked == fee.code />
                                <label for=id>{fee.name(lang).to_owned()} " · " <strong>{euros(fee.amount)}</strong></label>
                            </div>
                        }
                    })
                    .collect_view();
                let class = if error.is_some() { "field field--error" } else { "field" };
                view! {
                    <p class="business-line">{chosen.name.clone()} " · " {t(Msg::FieldAfm)} " " {chosen.afm.clone()}</p>
                    <ActionForm action=issue>
                        <input type="hidden" name="business_id" value=chosen.business_id.clone().unwrap_or_default() />
                        <fieldset class=class id="code" aria-describedby=error.is_some().then_some("code-error")>
                            <legend>{t(Msg::FeeChoose)}</legend>
                            {error.clone().map(|e| view! { <p class="field-error" id="code-error">{e}</p> })}
                            {options}
                        </fieldset>
                        <button type="submit" class="button">{t(Msg::FeeIssueButton)}</button>
                    </ActionForm>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// Admins: every version of every fee type, and a form for a new type or version.
#[component]
pub fn FeeCataloguePage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Admin]) {
        return page;
    }
    let add = ServerAction::<AddFeeVersion>::new();
    let state = FormState::from_result(add.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::FeeCatalogueTitle) />
        <h1>{t(Msg::FeeCatalogueTitle)}</h1>
        <p>{t(Msg::FeeCatalogueIntro)}</p>
        {query("saved").map(|_| view! { <Notice msg=Msg::CatalogueSaved /> })}
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let rows = fee_catalogue()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|v| view! {
                        <tr>
                            <td><code>{v.code.clone()}</code></td>
                            <td class="nowrap">{date(&v.valid_from)}</td>
                            <td lang="el">{v.name_el.clone()}</td>
                            <td lang="en">{v.name_en.clone()}</td>
                            <td class="num nowrap">{euros(v.amount)}</td>
                            <td>{t(if v.active { Msg::FeeActive } else { Msg::FeeWithdrawn })}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t(Msg::FeeCatalogueTitle)>
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::TaxCategoryCode)}</th>
                                <th scope="col">{t(Msg::FeeValidFrom)}</th>
                                <th scope="col">{t(Msg::TaxCategoryNameEl)}</th>
                                <th scope="col">{t(Msg::TaxCategoryNameEn)}</th>
                                <th scope="col">{t(Msg::ColumnAmount)}</th>
                                <th scope="col">{t(Msg::ColumnStatus)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </Suspense>
        <h2>{t(Msg::FeeAddTitle)}</h2>
        <ErrorSummary state=state.clone() labels=&[("amount", Msg::FeeAmount), ("valid_from", Msg::FeeValidFrom)] />
        <ActionForm action=add>
            <Field name="code" label=Msg::TaxCategoryCode hint=Msg::FeeCodeHint autocomplete="off" error=state.error("code") value=state.value("code") required=true />
            <Field name="name_el" label=Msg::TaxCategoryNameEl autocomplete="off" error=state.error("name_el") value=state.value("name_el") required=true />
            <Field name="name_en" label=Msg::TaxCategoryNameEn autocomplete="off" error=state.error("name_en") value=state.value("name_en") required=true />
            <Field name="amount" label=Msg::FeeAmount hint=Msg::FeeAmountHint autocomplete="off" error=state.error("amount") value=state.value("amount") required=true />
            <Field name="valid_from" label=Msg::FeeValidFrom kind="date" error=state.error("valid_from") value=state.value("valid_from") required=true />
            <div class="checkbox">
                <input type="checkbox" id="withdrawn" name="withdrawn" value="1" />
                <label for="withdrawn">{t(Msg::FeeWithdrawFromDay)}</label>
            </div>
            <button type="submit" class="button">{t(Msg::FeeAddButton)}</button>
        </ActionForm>
    }
    .into_any()
}
