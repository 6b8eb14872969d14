//! The municipal tax declaration form: its fields and live preview are one `#[island]`
//! (the shared domain computation, run in the browser) that gets its words as props.

use super::guard::query;
use crate::api::tax::*;
use crate::components::{ErrorSummary, FormState};
use crate::domain::account::VatPeriodType;
use crate::domain::tax::{compute_tax, format_percent, TaxComputation, TaxPeriod, TaxRules};
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use crate::i18n::{t, use_lang, Msg};
use crate::views::tax::*;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

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
    /// Said, with a link to the field, when the revenue typed is no amount.
    pub revenue_unreadable: String,
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
            revenue_unreadable: s(Msg::TaxRevenueUnreadable),
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
        let day = date.iso();
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
    let due = crate::domain::time::format_date(c.due_date, lang);
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

/// The declaration form. `amend` holds the accepted declaration an amendment builds on
/// (its period is fixed, and only the difference is paid). The fields and the preview are
/// one island: the only part of the page the browser runs.
#[component]
pub(super) fn DeclarationForm(
    file: TaxFile,
    state: FormState,
    declare: ServerAction<DeclareTax>,
    amend: Option<Declaration>,
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
        already_cents: amend.as_ref().map(|a| a.tax.cents()).unwrap_or(0),
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
    let preview = move || {
        let typed = revenue.get();
        if !typed.trim().is_empty() && Money::parse(&typed).is_err() {
            // Point at the amount that cannot be read, not at the whole form.
            return view! {
                <p class="field-error"><a href="#revenue">{preview_setup.labels.revenue_unreadable.clone()}</a></p>
            }
            .into_any();
        }
        match preview_setup.preview(&period.get(), &year.get(), &typed) {
            Some(c) => computation_view(&c, &preview_setup.labels).into_any(),
            None => view! { <p class="hint">{preview_setup.labels.preview_empty.clone()}</p> }
                .into_any(),
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
