//! Server functions of the ticket-type catalogue, for admins: every version, and adding a
//! version from a date (versions are never edited, so old tickets keep their rules).

// One argument per form field of the new version.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::views::fines::FineType;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::domain::account::Role,
    crate::domain::Money,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

#[cfg(feature = "ssr")]
const ADMINS: Need = Need::AnyRole(&[Role::Admin]);

#[server(endpoint = "fine_catalogue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn fine_catalogue() -> Result<Vec<FineType>, AppError> {
    require(ADMINS)?;
    db()?.fine_type_versions().await.map_err(internal)
}

#[server(endpoint = "add_fine_type")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_fine_type(
    code: String,
    valid_from: String,
    description_el: String,
    description_en: String,
    amount: String,
    payable: Option<String>,
    discount_days: String,
    discount_percent: String,
    surcharge_after_days: String,
    surcharge_percent: String,
    max_age_days: String,
) -> Result<(), AppError> {
    let admin = require(ADMINS)?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("code", &code),
        ("valid_from", &valid_from),
        ("description_el", &description_el),
        ("description_en", &description_en),
        ("amount", &amount),
        ("discount_days", &discount_days),
        ("discount_percent", &discount_percent),
        ("surcharge_after_days", &surcharge_after_days),
        ("surcharge_percent", &surcharge_percent),
        ("max_age_days", &max_age_days),
    ] {
        errors.keep(name, value);
    }
    let code = code.trim().to_uppercase();
    if !(2..=8).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.add("code", Msg::ErrTypeCode.text(lang));
    }
    let valid_from = match crate::domain::time::parse_date_input(&valid_from) {
        Some(date) => date.iso(),
        None => {
            errors.add("valid_from", Msg::ErrDateFormat.text(lang));
            valid_from
        }
    };
    let mut text =
        |name: &str, value: &str| match crate::domain::account::parse_required(value, 200) {
            Ok(text) => text,
            Err(error) => {
                errors.add(name, crate::i18n::text_message(&error, lang));
                String::new()
            }
        };
    let (description_el, description_en) = (
        text("description_el", &description_el),
        text("description_en", &description_en),
    );
    let amount = match Money::parse(&amount) {
        Ok(money) if money.cents() > 0 => money,
        Ok(_) => {
            errors.add("amount", Msg::ErrRefundZero.text(lang));
            Money::ZERO
        }
        Err(error) => {
            errors.add("amount", crate::i18n::money_message(&error, lang));
            Money::ZERO
        }
    };
    let mut whole = |name: &str, value: &str, min: i64, max: i64| match value.trim().parse::<i64>()
    {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            errors.add(
                name,
                Msg::ErrWholeNumber
                    .text(lang)
                    .replace("{min}", &min.to_string())
                    .replace("{max}", &max.to_string()),
            );
            0
        }
    };
    let version = FineType {
        id: String::new(),
        code: code.clone(),
        valid_from: valid_from.trim().to_owned(),
        description_el,
        description_en,
        amount,
        payable: payable.is_some().into(),
        discount_days: whole("discount_days", &discount_days, 0, 365),
        discount_percent: whole("discount_percent", &discount_percent, 0, 100),
        surcharge_after_days: whole("surcharge_after_days", &surcharge_after_days, 0, 3650),
        surcharge_percent: whole("surcharge_percent", &surcharge_percent, 0, 200),
        max_age_days: whole("max_age_days", &max_age_days, 1, 3650),
    };
    errors.clone().into_result()?;
    match db()?.add_fine_type_version(&version, &admin.id).await {
        Ok(()) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            errors.add("valid_from", Msg::ErrTypeVersionExists.text(lang));
            return Err(AppError::Validation(errors));
        }
        Err(other) => return Err(internal(other)),
    }
    redirect_local("/staff/fine-types?saved=1");
    Ok(())
}
