//! Server functions of the cashier's view: payments filtered, totalled and exported, one
//! payment's history, and refunds through the bank. Every one needs the cashier role.

// The list takes one argument per filter (a GET form's fields); the server macro's generated
// client code does not carry an item-level allow.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FormErrors;
use crate::views::payments::{CashierPage, PaymentDossier};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::cashier::{PaymentFilter, RefundError, RefundOutcome},
    crate::domain::account::Role,
    crate::domain::payment::{PaymentState, PurposeKind, RefundRefusal, RefundState},
    crate::domain::time::{local_midnight_ms, parse_date_input},
    crate::domain::{Lang, Money},
    crate::i18n::{money_message, use_lang, Msg},
};

#[cfg(feature = "ssr")]
pub const CASHIERS: Need = Need::AnyRole(&[Role::Cashier]);

/// The list's filters as typed (query string, form fields); all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentQuery {
    pub state: Option<String>,
    pub purpose: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub payer: Option<String>,
    /// `paid_twice` or `refund_pending`: only payments waiting for the cashier.
    pub attention: Option<String>,
}

impl PaymentQuery {
    /// `name=value` pairs of the filters set, for links (pages, export).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("state", &self.state),
            ("purpose", &self.purpose),
            ("from", &self.from),
            ("to", &self.to),
            ("min", &self.min),
            ("max", &self.max),
            ("payer", &self.payer),
            ("attention", &self.attention),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .as_ref()
                .filter(|v| !v.trim().is_empty())
                .map(|v| (name, v.clone()))
        })
        .collect()
    }

    /// Parses the filters; each one that cannot be read is named with how to fix it.
    #[cfg(feature = "ssr")]
    pub fn parse(&self, lang: Lang) -> Result<PaymentFilter, FormErrors> {
        let mut errors = FormErrors::default();
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let mut date = |field: &str, value: &Option<String>, next_day: bool| {
            let text = given(value)?;
            match parse_date_input(&text) {
                Some(day) => {
                    let start = local_midnight_ms(day);
                    // The end of the last day is the next local midnight (23 to 25 hours on).
                    Some(if next_day {
                        local_midnight_ms(crate::domain::time::civil_from_days(
                            crate::domain::time::days_from_civil(day) + 1,
                        ))
                    } else {
                        start
                    })
                }
                None => {
                    errors.add(field, Msg::ErrDateFormat.text(lang));
                    errors.keep(field, &text);
                    None
                }
            }
        };
        let from_ms = date("from", &self.from, false);
        let to_ms = date("to", &self.to, true);
        let mut amount = |field: &str, value: &Option<String>| {
            let text = given(value)?;
            match Money::parse(&text) {
                Ok(money) => Some(money),
                Err(error) => {
                    errors.add(field, money_message(&error, lang));
                    errors.keep(field, &text);
                    None
                }
            }
        };
        let min = amount("min", &self.min);
        let max = amount("max", &self.max);
        if let (Some(from), Some(to)) = (from_ms, to_ms) {
            if to <= from {
                errors.add("to", Msg::ErrDateOrder.text(lang));
            }
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                errors.add("max", Msg::ErrAmountOrder.text(lang));
            }
        }
        if !crate::domain::submission::search_fits(self.payer.as_deref()) {
            errors.add("payer", search_too_long(lang));
        }
        if !errors.is_empty() {
            for (name, value) in self.pairs() {
                if errors.value_of(name).is_none() {
                    errors.keep(name, &value);
                }
            }
            return Err(errors);
        }
        Ok(PaymentFilter {
            id: None,
            // An unknown state or purpose (an edited URL) filters nothing out rather than fail.
            state: given(&self.state).and_then(|s| PaymentState::parse(&s)),
            purpose: given(&self.purpose).and_then(|p| PurposeKind::parse(&p)),
            from_ms,
            to_ms,
            min,
            max,
            payer: given(&self.payer),
            attention: given(&self.attention)
                .and_then(|a| crate::backend::cashier::Attention::parse(&a)),
        })
    }
}

#[server(endpoint = "cashier_payments")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn cashier_payments(
    state: Option<String>,
    purpose: Option<String>,
    from: Option<String>,
    to: Option<String>,
    min: Option<String>,
    max: Option<String>,
    payer: Option<String>,
    #[server(default)] attention: Option<String>,
    page: Option<i64>,
) -> Result<CashierPage, AppError> {
    require(CASHIERS)?;
    let query = PaymentQuery {
        state,
        purpose,
        from,
        to,
        min,
        max,
        payer,
        attention,
    };
    let filter = query.parse(use_lang()).map_err(AppError::Validation)?;
    let db = db()?;
    let page = page.unwrap_or(0).max(0);
    let (rows, total) = db.cashier_payments(&filter, page).await.map_err(internal)?;
    let totals = db.payment_totals(&filter).await.map_err(internal)?;
    Ok(CashierPage {
        rows,
        total,
        page,
        page_size: crate::backend::cashier::PAGE_SIZE,
        by_day: totals.by_day,
        by_purpose: totals.by_purpose,
        all: totals.all,
    })
}

#[server(endpoint = "cashier_payment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn cashier_payment(id: String) -> Result<PaymentDossier, AppError> {
    require(CASHIERS)?;
    let db = db()?;
    let payment = db
        .payment(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let filter = PaymentFilter {
        id: Some(id.clone()),
        ..PaymentFilter::default()
    };
    // The list's row for this payment carries payer, receipt and refunded total.
    let row = db
        .payment_rows(&filter, Some(0))
        .await
        .map_err(internal)?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let refunds = db.refunds_of(&id).await.map_err(internal)?;
    let reserved = refunds
        .iter()
        .filter(|r| r.state != RefundState::Failed)
        .fold(Money::ZERO, |sum, r| {
            sum.checked_add(r.amount).unwrap_or(sum)
        });
    let refundable = if payment.state() == PaymentState::Success {
        payment
            .amount()
            .checked_sub(reserved)
            .filter(|left| !left.is_negative())
            .unwrap_or(Money::ZERO)
    } else {
        Money::ZERO
    };
    Ok(PaymentDossier {
        payment: row,
        failure_message: payment.failure_message,
        events: db.payment_history(&id).await.map_err(internal)?,
        refunds,
        refundable,
    })
}

#[cfg(feature = "ssr")]
fn gateway() -> Result<std::sync::Arc<dyn crate::backend::gateway::PaymentGateway>, AppError> {
    use_context::<std::sync::Arc<dyn crate::backend::gateway::PaymentGateway>>()
        .ok_or(AppError::Internal)
}

/// Where the payment's page goes after a refund action, saying what happened.
#[cfg(feature = "ssr")]
fn back_to_payment(payment_id: &str, outcome: &RefundOutcome) {
    let notice = match outcome {
        RefundOutcome::Refunded { .. } => "refunded",
        RefundOutcome::Declined { .. } => "declined",
        RefundOutcome::Pending => "pending",
    };
    redirect_local(&format!(
        "/staff/payments/{}?refund={notice}",
        crate::i18n::percent_encode(payment_id, false)
    ));
}

#[server(endpoint = "refund_payment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn refund_payment(
    payment_id: String,
    amount: String,
    reason: String,
) -> Result<(), AppError> {
    let cashier = require(CASHIERS)?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    errors.keep("amount", &amount);
    errors.keep("reason", &reason);
    let parsed_amount = match Money::parse(&amount) {
        Ok(money) => Some(money),
        Err(error) => {
            errors.add("amount", money_message(&error, lang));
            None
        }
    };
    let reason_text = match crate::domain::account::parse_required(&reason, 500) {
        Ok(text) => Some(text),
        Err(error) => {
            errors.add("reason", crate::i18n::text_message(&error, lang));
            None
        }
    };
    let (Some(money), Some(reason_text)) = (parsed_amount, reason_text) else {
        return Err(AppError::Validation(errors));
    };
    let outcome = db()?
        .refund_payment(
            gateway()?.as_ref(),
            &payment_id,
            money,
            &reason_text,
            &cashier.id,
        )
        .await;
    match outcome {
        Ok(outcome) => {
            back_to_payment(&payment_id, &outcome);
            Ok(())
        }
        Err(RefundError::NotFound) => Err(AppError::NotFound),
        Err(RefundError::Refused(refusal)) => {
            let message = match refusal {
                RefundRefusal::NotPaid => Msg::ErrRefundNotPaid.text(lang).to_owned(),
                RefundRefusal::Zero => Msg::ErrRefundZero.text(lang).to_owned(),
                RefundRefusal::MoreThanLeft { left_cents } => Msg::ErrRefundTooMuch
                    .text(lang)
                    .replace("{left}", &Money::from_cents(left_cents).format(lang)),
            };
            errors.add("amount", message);
            Err(AppError::Validation(errors))
        }
        Err(RefundError::Db(error)) => Err(internal(error)),
    }
}

/// Asks the bank again about a refund it did not answer.
#[server(endpoint = "ask_bank_again")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn ask_bank_again(payment_id: String, refund_id: String) -> Result<(), AppError> {
    require(CASHIERS)?;
    match db()?
        .ask_bank_for_refund(gateway()?.as_ref(), &refund_id)
        .await
    {
        Ok(outcome) => {
            back_to_payment(&payment_id, &outcome);
            Ok(())
        }
        Err(RefundError::NotFound) => Err(AppError::NotFound),
        Err(RefundError::Refused(_)) => Err(AppError::Conflict(
            Msg::ErrStateChanged.text(use_lang()).into(),
        )),
        Err(RefundError::Db(error)) => Err(internal(error)),
    }
}

/// "At most … characters" for a search field.
#[cfg(feature = "ssr")]
pub fn search_too_long(lang: Lang) -> String {
    Msg::ErrSearchTooLong.text(lang).replace(
        "{max}",
        &crate::domain::submission::MAX_SEARCH_CHARS.to_string(),
    )
}
