//! Business pages of the municipal tax: the declaration form with its live preview (the
//! shared domain computation, run in the browser) and history, a declaration's page (pay,
//! rejected, accepted, amend), certified debts to pay, and warranted payments.

use super::guard::{query, signed_in};
use crate::api::payments::Pay;
use crate::api::tax::*;
use crate::components::{ErrorSummary, FormState, Notice};
use crate::domain::account::VatPeriodType;
use crate::domain::tax::{compute_tax, format_percent, TaxComputation, TaxPeriod, TaxRules};
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

fn euros(cents: i64) -> String {
    Money::from_cents(cents).format(use_lang())
}

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

pub fn declaration_state_label(state: &str) -> Msg {
    match state {
        "accepted" => Msg::TaxStateAccepted,
        "rejected" => Msg::TaxStateRejected,
        _ => Msg::TaxStateAwaiting,
    }
}

/// What the live preview needs: the business's rule versions, today, and the form's
/// typed values and errors. Crosses into the browser as the island's props.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewSetup {
    pub vat_period: String,
    pub rates: Vec<RuleVersion>,
    pub fines: Vec<RuleVersion>,
    pub today: String,
    /// Tax already assessed by the accepted declaration an amendment builds on.
    pub already_cents: i64,
    /// An amendment: the period is fixed (hidden fields), only revenue and date are typed.
    pub amend: bool,
    pub period: String,
    pub year: String,
    pub revenue: String,
    pub vat_filed_on: String,
    /// Field errors from a failed submission, by field name.
    pub errors: Vec<(String, String)>,
    pub labels: PreviewLabels,
}

/// Every word the island shows, translated on the server: the island then needs no
/// message catalogue, which keeps the whole UI's texts out of the WASM bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLabels {
    pub period: String,
    pub choose: String,
    pub year: String,
    pub revenue_field: String,
    pub revenue_hint: String,
    pub vat_filed_on: String,
    pub preview_title: String,
    pub preview_empty: String,
    pub preview_note: String,
    pub revenue: String,
    pub rate: String,
    pub tax: String,
    pub already_assessed: String,
    pub tax_due: String,
    pub due_date: String,
    pub on_time: String,
    /// With `{months}` for the number.
    pub late_months: String,
    pub fine: String,
    pub total: String,
}

impl PreviewLabels {
    fn for_period(kind: VatPeriodType) -> PreviewLabels {
        let s = |msg: Msg| t(msg).to_owned();
        PreviewLabels {
            period: s(match kind {
                VatPeriodType::Monthly => Msg::TaxPeriodMonth,
                VatPeriodType::Quarterly => Msg::TaxPeriodQuarter,
            }),
            choose: s(Msg::ChooseOption),
            year: s(Msg::TaxYear),
            revenue_field: s(Msg::TaxRevenueField),
            revenue_hint: s(Msg::TaxRevenueHint),
            vat_filed_on: s(Msg::TaxVatFiledOn),
            preview_title: s(Msg::TaxPreviewTitle),
            preview_empty: s(Msg::TaxPreviewEmpty),
            preview_note: s(Msg::TaxPreviewNote),
            revenue: s(Msg::TaxRevenue),
            rate: s(Msg::TaxRate),
            tax: s(Msg::TaxAmount),
            already_assessed: s(Msg::TaxAlreadyAssessed),
            tax_due: s(Msg::TaxDue),
            due_date: s(Msg::TaxDueDate),
            on_time: s(Msg::TaxOnTime),
            late_months: s(Msg::TaxLateMonths),
            fine: s(Msg::TaxFine),
            total: s(Msg::TaxTotal),
        }
    }
}

impl PreviewSetup {
    /// The rules in force on `date`: the versions with the latest start not after it.
    fn rules_on(&self, date: Date) -> Option<TaxRules> {
        let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
        let rate = self.rates.iter().find(|v| v.valid_from <= day)?;
        let fine = self.fines.iter().find(|v| v.valid_from <= day)?;
        Some(TaxRules {
            rate_percent: Decimal::from_str(&rate.percent).ok()?,
            fine_percent_per_month: Decimal::from_str(&fine.percent).ok()?,
            fine_cap_percent: Decimal::from_str(&fine.cap_percent).ok()?,
        })
    }

    /// The form's figure, as the server will compute it (`None` until the fields make sense).
    fn preview(&self, period: &str, year: &str, revenue: &str) -> Option<TaxComputation> {
        let today = parse_iso_date(&self.today)?;
        let kind = VatPeriodType::parse(&self.vat_period)?;
        let period = TaxPeriod::parse(kind, period, year, today).ok()?;
        let revenue = Money::parse(revenue).ok()?;
        let rules = self.rules_on(period.last_day())?;
        Some(compute_tax(
            revenue,
            Money::from_cents(self.already_cents),
            &rules,
            period,
            today,
        ))
    }

    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, e)| e.clone())
    }
}

/// How the amount is made up, line by line.
fn computation_view(c: &TaxComputation, labels: &PreviewLabels) -> impl IntoView {
    let lang = use_lang();
    let due = c.due_date.dd_mm_yyyy();
    let amended = (c.already_assessed != Money::ZERO).then(|| {
        view! {
            <dt>{labels.already_assessed.clone()}</dt><dd>{c.already_assessed.format(lang)}</dd>
            <dt>{labels.tax_due.clone()}</dt><dd>{c.tax_due.format(lang)}</dd>
        }
    });
    let late = if c.late_months == 0 {
        labels.on_time.clone()
    } else {
        labels
            .late_months
            .replace("{months}", &c.late_months.to_string())
    };
    view! {
        <dl class="summary">
            <dt>{labels.revenue.clone()}</dt><dd>{c.revenue.format(lang)}</dd>
            <dt>{labels.rate.clone()}</dt><dd>{format_percent(c.rate_percent, lang)}</dd>
            <dt>{labels.tax.clone()}</dt><dd>{c.tax.format(lang)}</dd>
            {amended}
            <dt>{labels.due_date.clone()}</dt><dd>{due} " · " {late}</dd>
            <dt>{labels.fine.clone()} " (" {format_percent(c.fine_percent, lang)} ")"</dt><dd class="tax-fine">{c.fine.format(lang)}</dd>
            <dt>{labels.total.clone()}</dt><dd><strong class="tax-total">{c.total.format(lang)}</strong></dd>
        </dl>
    }
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
            {move || {
                let (business, body) = (business.clone(), body.clone());
                Suspend::new(async move {
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
                })
            }}
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
        <Title text=t(Msg::TaxTitle) />
        <h1>{t(Msg::TaxTitle)}</h1>
        <p>{t(Msg::TaxIntro)}</p>
        {with_verified_business("/business/tax", move |_data, file| {
            view! {
                <DeclarationForm file=file.clone() state=state.clone() declare=declare amend=None />
                <h2>{t(Msg::TaxHistory)}</h2>
                {history_table(file.declarations.clone())}
            }
        })}
    }
    .into_any()
}

/// The declaration form. `amend` holds the accepted declaration an amendment builds on
/// (its period is fixed, and only the difference is paid). The fields and the preview are
/// one island: the only part of the page the browser runs.
#[component]
fn DeclarationForm(
    file: TaxFile,
    state: FormState,
    declare: ServerAction<DeclareTax>,
    amend: Option<DeclarationLine>,
) -> impl IntoView {
    let lang = use_lang();
    let today = parse_iso_date(&file.today).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    });
    let (period, year) = match &amend {
        Some(a) => (a.period_number.to_string(), a.period_year.to_string()),
        None => (
            state
                .value("period")
                .or_else(|| query("period"))
                .unwrap_or_default(),
            state
                .value("year")
                .or_else(|| query("year"))
                .unwrap_or_else(|| today.year.to_string()),
        ),
    };
    let setup = PreviewSetup {
        vat_period: file.business.vat_period.clone(),
        rates: file.rates.clone(),
        fines: file.fines.clone(),
        today: file.today.clone(),
        already_cents: amend.as_ref().map(|a| a.tax_cents).unwrap_or(0),
        amend: amend.is_some(),
        period,
        year,
        revenue: state.value("revenue").unwrap_or_default(),
        vat_filed_on: state.value("vat_filed_on").unwrap_or_default(),
        errors: state
            .errors
            .fields
            .iter()
            .map(|e| (e.field.clone(), e.message.clone()))
            .collect(),
        labels: PreviewLabels::for_period(
            VatPeriodType::parse(&file.business.vat_period).unwrap_or(VatPeriodType::Monthly),
        ),
    };
    let vat_label = match VatPeriodType::parse(&file.business.vat_period) {
        Some(VatPeriodType::Quarterly) => Msg::VatQuarterly,
        _ => Msg::VatMonthly,
    };
    let rate_now = setup
        .rules_on(today)
        .map(|r| format_percent(r.rate_percent, lang))
        .unwrap_or_default();
    let is_amend = amend.is_some();
    view! {
        <ErrorSummary state=state.clone() />
        <ActionForm action=declare>
            <h2>{t(if is_amend { Msg::TaxAmendTitle } else { Msg::TaxDeclareTitle })}</h2>
            <input type="hidden" name="business_id" value=file.business.id.clone() />
            <dl class="summary">
                <dt>{t(Msg::FieldVatPeriod)}</dt><dd>{t(vat_label)}</dd>
                <dt>{t(Msg::TaxRate)}</dt><dd>{rate_now}</dd>
            </dl>
            <TaxFigures setup=setup />
            <button type="submit" class="button">{t(Msg::TaxSubmitAndPay)}</button>
        </ActionForm>
    }
}

/// The declaration's fields and the live preview beside them: every keystroke runs the
/// shared domain computation (in WASM), which the server runs again on submission.
#[island]
fn TaxFigures(setup: PreviewSetup) -> impl IntoView {
    let period = RwSignal::new(setup.period.clone());
    let year = RwSignal::new(setup.year.clone());
    let revenue = RwSignal::new(setup.revenue.clone());
    let (period_ref, year_ref, revenue_ref) = (
        NodeRef::<leptos::html::Select>::new(),
        NodeRef::<leptos::html::Input>::new(),
        NodeRef::<leptos::html::Input>::new(),
    );
    // Runs once the island is live in the browser: what was typed before (on a slow phone)
    // counts too, and the preview says it is live.
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(el) = period_ref.get_untracked() {
            period.set(el.value());
        }
        if let Some(el) = year_ref.get_untracked() {
            year.set(el.value());
        }
        if let Some(el) = revenue_ref.get_untracked() {
            revenue.set(el.value());
        }
        live.set(true);
    });
    let kind = VatPeriodType::parse(&setup.vat_period).unwrap_or(VatPeriodType::Monthly);
    let field_class = |name: &str| {
        if setup.error(name).is_some() {
            "field field--error"
        } else {
            "field"
        }
    };
    let error = |name: &'static str| {
        setup
            .error(name)
            .map(|e| view! { <p class="field-error" id=format!("{name}-error")>{e}</p> })
    };
    let described = |name: &'static str, hint: bool| {
        let ids = [
            hint.then(|| format!("{name}-hint")),
            setup.error(name).map(|_| format!("{name}-error")),
        ];
        let ids: Vec<String> = ids.into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = |name: &str| setup.error(name).is_some().then_some("true");
    let period_fields = if setup.amend {
        view! {
            <input type="hidden" name="period" value=setup.period.clone() />
            <input type="hidden" name="year" value=setup.year.clone() />
            <input type="hidden" name="amend" value="1" />
        }
        .into_any()
    } else {
        let options = (1..=kind.periods_in_year())
            .map(|n| {
                let value = n.to_string();
                let selected = value == setup.period;
                view! { <option value=value.clone() selected=selected>{value.clone()}</option> }
            })
            .collect_view();
        view! {
            <div class=field_class("period")>
                <label for="period">{setup.labels.period.clone()}</label>
                {error("period")}
                <select id="period" name="period" node_ref=period_ref aria-invalid=invalid("period") aria-describedby=described("period", false)
                    on:change=move |ev| period.set(event_target_value(&ev))>
                    <option value="">{setup.labels.choose.clone()}</option>
                    {options}
                </select>
            </div>
            <div class=field_class("year")>
                <label for="year">{setup.labels.year.clone()}</label>
                {error("year")}
                <input id="year" name="year" node_ref=year_ref inputmode="numeric" autocomplete="off" value=setup.year.clone() class="input--short"
                    aria-invalid=invalid("year") aria-describedby=described("year", false)
                    on:input=move |ev| year.set(event_target_value(&ev)) />
            </div>
        }
        .into_any()
    };
    let preview_setup = setup.clone();
    let preview = move || match preview_setup.preview(&period.get(), &year.get(), &revenue.get()) {
        Some(c) => computation_view(&c, &preview_setup.labels).into_any(),
        None => {
            view! { <p class="hint">{preview_setup.labels.preview_empty.clone()}</p> }.into_any()
        }
    };
    view! {
        {period_fields}
        <div class=field_class("revenue")>
            <label for="revenue">{setup.labels.revenue_field.clone()}</label>
            <p class="hint" id="revenue-hint">{setup.labels.revenue_hint.clone()}</p>
            {error("revenue")}
            <input id="revenue" name="revenue" node_ref=revenue_ref inputmode="decimal" autocomplete="off" required=true value=setup.revenue.clone()
                aria-invalid=invalid("revenue") aria-describedby=described("revenue", true)
                on:input=move |ev| revenue.set(event_target_value(&ev)) />
        </div>
        <div class=field_class("vat_filed_on")>
            <label for="vat_filed_on">{setup.labels.vat_filed_on.clone()}</label>
            {error("vat_filed_on")}
            <input id="vat_filed_on" name="vat_filed_on" type="date" required=true value=setup.vat_filed_on.clone()
                aria-invalid=invalid("vat_filed_on") aria-describedby=described("vat_filed_on", false) />
        </div>
        <section class="card preview" aria-labelledby="preview-title">
            <h3 id="preview-title" class="card__title">{setup.labels.preview_title.clone()}</h3>
            <div aria-live="polite" id="tax-preview" data-live=move || live.get().then_some("true")>{preview}</div>
            <p class="hint">{setup.labels.preview_note.clone()}</p>
        </section>
    }
}

fn history_table(declarations: Vec<DeclarationLine>) -> impl IntoView {
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
                    <td class="num nowrap">{euros(d.revenue_cents)}</td>
                    <td class="num nowrap">{euros(d.tax_due_cents)}</td>
                    <td class="num nowrap">{euros(d.fine_cents)}</td>
                    <td class="num nowrap">{euros(d.total_cents)}</td>
                    <td>{t(declaration_state_label(&d.state))}</td>
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
fn stored_computation(d: &DeclarationLine) -> impl IntoView {
    let late = if d.late_months == 0 {
        t(Msg::TaxOnTime).to_owned()
    } else {
        t(Msg::TaxLateMonths).replace("{months}", &d.late_months.to_string())
    };
    let due = parse_iso_date(&d.due_date)
        .map(|d| d.dd_mm_yyyy())
        .unwrap_or_default();
    let filed = parse_iso_date(&d.vat_filed_on)
        .map(|d| d.dd_mm_yyyy())
        .unwrap_or_default();
    let amended = (d.revision > 0).then(|| {
        view! {
            <dt>{t(Msg::TaxAlreadyAssessed)}</dt><dd>{euros(d.already_assessed_cents)}</dd>
            <dt>{t(Msg::TaxDue)}</dt><dd>{euros(d.tax_due_cents)}</dd>
        }
    });
    view! {
        <dl class="summary">
            <dt>{t(Msg::TaxPeriod)}</dt><dd>{period_label(&d.period_kind, d.period_number, d.period_year)}</dd>
            <dt>{t(Msg::TaxVatFiledOn)}</dt><dd>{filed}</dd>
            <dt>{t(Msg::TaxRevenue)}</dt><dd>{euros(d.revenue_cents)}</dd>
            <dt>{t(Msg::TaxRate)}</dt><dd>{percent(&d.rate_percent)}</dd>
            <dt>{t(Msg::TaxAmount)}</dt><dd>{euros(d.tax_cents)}</dd>
            {amended}
            <dt>{t(Msg::TaxDueDate)}</dt><dd>{due} " · " {late}</dd>
            <dt>{t(Msg::TaxFine)} " (" {percent(&d.fine_percent)} ")"</dt><dd class="tax-fine">{euros(d.fine_cents)}</dd>
            <dt>{t(Msg::TaxTotal)}</dt><dd><strong class="tax-total">{euros(d.total_cents)}</strong></dd>
            <dt>{t(Msg::ColumnStatus)}</dt><dd class="tax-state">{t(declaration_state_label(&d.state))}</dd>
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
            {move || {
                let (id, declare_state) = (id.clone(), declare_state.clone());
                Suspend::new(async move {
                    let Ok(d) = tax_declaration(id).await else {
                        return view! { <super::NotFound /> }.into_any();
                    };
                    let period = period_label(&d.period_kind, d.period_number, d.period_year);
                    // An accepted declaration can be amended: the form needs the business's rules.
                    let amend_file = if d.state == "accepted" {
                        my_tax(Some(d.business_id.clone())).await.ok().and_then(|m| m.file)
                    } else {
                        None
                    };
                    let body = match d.state.as_str() {
                        "accepted" => {
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
                        "rejected" => {
                            let reason = match d.rejected_because.as_deref() {
                                Some("failed") => Msg::TaxRejectedDeclined,
                                Some("cancelled") => Msg::TaxRejectedCancelled,
                                Some("expired") => Msg::TaxRejectedExpired,
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
                            let (declaration_id, total) = (d.id.clone(), euros(d.total_cents));
                            view! {
                                <p role="status">{t(Msg::TaxAwaitingText)}</p>
                                <ActionForm action=pay>
                                    <input type="hidden" name="kind" value="tax" />
                                    <input type="hidden" name="purpose_id" value=declaration_id />
                                    <button type="submit" class="button">{t(Msg::PayByCard)} " " {total}</button>
                                </ActionForm>
                            }
                            .into_any()
                        }
                    };
                    let title = if d.revision > 0 { Msg::TaxAmendedDeclarationTitle } else { Msg::TaxDeclarationTitle };
                    view! {
                        <Title text=t(title) />
                        {notice.map(|msg| view! { <Notice msg=msg /> })}
                        <h1>{t(title)} " " {period.clone()}</h1>
                        <p>{d.business_name.clone()} " · " {t(Msg::FieldAfm)} " " {d.business_afm.clone()}</p>
                        {stored_computation(&d)}
                        {body}
                        <p><a href=format!("/business/tax?business={}", d.business_id)>{t(Msg::TaxBackToDeclarations)}</a></p>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn TaxDebtsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let pay = ServerAction::<Pay>::new();
    let pay_state = FormState::from_result(pay.value().get_untracked());
    view! {
        <Title text=t(Msg::TaxDebtsTitle) />
        <h1>{t(Msg::TaxDebtsTitle)}</h1>
        <p>{t(Msg::TaxDebtsIntro)}</p>
        <ErrorSummary state=pay_state />
        {with_verified_business("/business/tax/debts", move |_data, file| {
            view! {
                <p class="hint">{t(Msg::TaxDebtsInterestNote).replace("{rate}", &percent(&file.interest_percent))}</p>
                {debts_table(file.debts.clone(), Some(pay))}
            }
        })}
    }
    .into_any()
}

/// Certified debts; with `pay`, each unpaid one has its pay button.
pub fn debts_table(debts: Vec<DebtLine>, pay: Option<ServerAction<Pay>>) -> impl IntoView {
    if debts.is_empty() {
        return view! { <p>{t(Msg::TaxDebtsNone)}</p> }.into_any();
    }
    let rows = debts
        .into_iter()
        .map(|debt| {
            let due = parse_iso_date(&debt.due_date).map(|d| d.dd_mm_yyyy()).unwrap_or_default();
            let action = match (&debt.paid_by, pay) {
                (Some(payment), _) => view! {
                    {t(Msg::TaxDebtPaid)} " · "
                    <a href=format!("/payments/{payment}/receipt")>{debt.receipt.clone().unwrap_or_default()}</a>
                }
                .into_any(),
                (None, Some(pay)) => {
                    let label = format!("{} {} {}", t(Msg::PayByCard), debt.debt_number, euros(debt.total_cents));
                    let id = debt.id.clone();
                    view! {
                        <ActionForm action=pay>
                            <input type="hidden" name="kind" value="tax_debt" />
                            <input type="hidden" name="purpose_id" value=id />
                            <button type="submit" class="button" aria-label=label>{t(Msg::PayByCard)}</button>
                        </ActionForm>
                    }
                    .into_any()
                }
                (None, None) => view! { {t(Msg::TaxDebtUnpaid)} }.into_any(),
            };
            let interest = format!("{} ({})", euros(debt.interest_cents), t(Msg::TaxMonthsShort).replace("{months}", &debt.months.to_string()));
            view! {
                <tr>
                    <td class="nowrap">{debt.debt_number.clone()}</td>
                    <td>{debt.description.clone()}</td>
                    <td class="nowrap">{due}</td>
                    <td class="num nowrap">{euros(debt.principal_cents)}</td>
                    <td class="num nowrap">{interest}</td>
                    <td class="num nowrap"><strong>{euros(debt.total_cents)}</strong></td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::TaxDebtNumber)}</th>
                        <th scope="col">{t(Msg::TaxDescription)}</th>
                        <th scope="col">{t(Msg::TaxDueDate)}</th>
                        <th scope="col">{t(Msg::FinePrincipal)}</th>
                        <th scope="col">{t(Msg::TaxInterest)}</th>
                        <th scope="col">{t(Msg::FineTotal)}</th>
                        <th scope="col">{t(Msg::ColumnStatus)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn WarrantsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <Title text=t(Msg::TaxWarrantsTitle) />
        <h1>{t(Msg::TaxWarrantsTitle)}</h1>
        <p>{t(Msg::TaxWarrantsIntro)}</p>
        {with_verified_business("/business/tax/warrants", move |_data, file| warrants_table(file.warrants.clone(), None))}
    }
    .into_any()
}

/// Warrants; with `mark_paid` (cashiers), each unpaid one can be marked paid.
pub fn warrants_table(
    warrants: Vec<WarrantLine>,
    mark_paid: Option<(ServerAction<MarkWarrantPaid>, String)>,
) -> impl IntoView {
    if warrants.is_empty() {
        return view! { <p>{t(Msg::TaxWarrantsNone)}</p> }.into_any();
    }
    let to_collect: i64 = warrants
        .iter()
        .filter(|w| w.state == "warranted")
        .map(|w| w.amount_cents)
        .sum();
    let rows = warrants
        .into_iter()
        .map(|w| {
            let date = parse_iso_date(&w.warrant_date).map(|d| d.dd_mm_yyyy()).unwrap_or_default();
            let state = if w.state == "paid" {
                let on = w.paid_on.as_deref().and_then(parse_iso_date).map(|d| d.dd_mm_yyyy()).unwrap_or_default();
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
                    <td class="num nowrap">{euros(w.amount_cents)}</td>
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
