//! Server functions of the municipal tax's rules: the business categories (which
//! registration offers), and the admin's rate, category and fine/interest versions.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
pub use crate::views::tax::RateTable;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::audit::Actor,
    crate::domain::account::Role,
    crate::domain::tax::parse_percent,
    crate::domain::time::parse_date_input,
    crate::domain::Lang,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

/// The business categories (code, name in the page's language), for registering a business.
#[server(endpoint = "business_categories")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn business_categories() -> Result<Vec<(String, String)>, AppError> {
    require(Need::SignedIn)?;
    let lang = use_lang();
    Ok(db()?
        .tax_categories()
        .await
        .map_err(internal)?
        .into_iter()
        .map(|category| (category.name(lang).to_owned(), category.code))
        .map(|(name, code)| (code, name))
        .collect())
}

/// The admin adds a business category with its rate (in force for every period).
#[server(endpoint = "add_tax_category")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_tax_category(
    code: String,
    name_el: String,
    name_en: String,
    category_rate: String,
) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Admin]))?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("code", &code),
        ("name_el", &name_el),
        ("name_en", &name_en),
        ("category_rate", &category_rate),
    ] {
        errors.keep(name, value);
    }
    let parsed_code = crate::domain::catalogue_code(&code);
    if parsed_code.is_none() {
        errors.add("code", Msg::ErrCategoryCode.text(lang));
    }
    let code = parsed_code.unwrap_or_default();
    let (name_el, name_en) = (name_el.trim().to_owned(), name_en.trim().to_owned());
    for (field, value) in [("name_el", &name_el), ("name_en", &name_en)] {
        if value.is_empty() || value.chars().count() > 120 {
            errors.add(field, Msg::ErrRequired.text(lang));
        }
    }
    let rate = percent("category_rate", &category_rate, &mut errors, lang);
    let Some(rate) = rate.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    if !db()?
        .add_tax_category(&code, &name_el, &name_en, rate, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        errors.add("code", Msg::ErrCategoryExists.text(lang));
        return Err(AppError::Validation(errors));
    }
    redirect_local("/staff/tax/rates?saved=1");
    Ok(())
}

/// Categories, rates and settings with every version, for the admin.
#[server(endpoint = "tax_rates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn tax_rates() -> Result<RateTable, AppError> {
    require(Need::AnyRole(&[Role::Admin, Role::Clerk, Role::Cashier]))?;
    db()?.tax_rate_table().await.map_err(internal)
}

#[cfg(feature = "ssr")]
fn parse_valid_from(
    field: &str,
    text: &str,
    errors: &mut FormErrors,
    lang: Lang,
) -> Option<crate::domain::time::Date> {
    let date = parse_date_input(text);
    if date.is_none() {
        errors.add(field, Msg::ErrDateFormat.text(lang));
    }
    date
}

#[cfg(feature = "ssr")]
fn percent(
    field: &str,
    text: &str,
    errors: &mut FormErrors,
    lang: Lang,
) -> Option<rust_decimal::Decimal> {
    match parse_percent(text) {
        Ok(value) => Some(value),
        Err(_) => {
            errors.add(field, Msg::ErrPercent.text(lang));
            None
        }
    }
}

/// The admin adds a rate version of a category from a date.
#[server(endpoint = "add_tax_rate")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_tax_rate(
    category: String,
    valid_from: String,
    rate: String,
) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Admin]))?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("category", &category),
        ("valid_from", &valid_from),
        ("rate", &rate),
    ] {
        errors.keep(name, value);
    }
    let db = db()?;
    let known = db
        .tax_rate_table()
        .await
        .map_err(internal)?
        .categories
        .iter()
        .any(|c| c.code == category);
    if !known {
        errors.add("category", Msg::ErrTaxCategory.text(lang));
    }
    let date = parse_valid_from("valid_from", &valid_from, &mut errors, lang);
    let rate = percent("rate", &rate, &mut errors, lang);
    let (Some(date), Some(rate), true) = (date, rate, known) else {
        return Err(AppError::Validation(errors));
    };
    if !db
        .add_tax_rate(&category, date, rate, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        errors.add("valid_from", Msg::ErrVersionExists.text(lang));
        return Err(AppError::Validation(errors));
    }
    redirect_local("/staff/tax/rates?saved=1");
    Ok(())
}

/// The admin adds fine and interest settings from a date.
#[server(endpoint = "add_tax_settings")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_tax_settings(
    settings_from: String,
    fine_percent: String,
    fine_cap: String,
    interest_percent: String,
) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Admin]))?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("settings_from", &settings_from),
        ("fine_percent", &fine_percent),
        ("fine_cap", &fine_cap),
        ("interest_percent", &interest_percent),
    ] {
        errors.keep(name, value);
    }
    let date = parse_valid_from("settings_from", &settings_from, &mut errors, lang);
    let fine = percent("fine_percent", &fine_percent, &mut errors, lang);
    let cap = percent("fine_cap", &fine_cap, &mut errors, lang);
    let interest = percent("interest_percent", &interest_percent, &mut errors, lang);
    let (Some(date), Some(fine), Some(cap), Some(interest)) = (date, fine, cap, interest) else {
        return Err(AppError::Validation(errors));
    };
    if !db()?
        .add_tax_settings(date, fine, cap, interest, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        errors.add("settings_from", Msg::ErrVersionExists.text(lang));
        return Err(AppError::Validation(errors));
    }
    redirect_local("/staff/tax/rates?saved=1");
    Ok(())
}
