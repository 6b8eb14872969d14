//! The translation layer: every string the UI shows is a [`Msg`], translated per [`Lang`].
//!
//! A hand-written enum instead of a JSON catalogue: a message missing in one language is a
//! compile error, and nothing extra ships in the WASM bundle.

use crate::domain::Lang;
use leptos::prelude::*;

/// The language of the page being rendered.
///
/// On the server it comes from the request's `lang` cookie (Greek when absent); in the
/// browser, islands read the `<html lang>` attribute that the server wrote.
pub fn use_lang() -> Lang {
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    {
        let from_request = use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Lang::from_cookie_header)
            })
            .unwrap_or_default();
        provide_context(from_request);
        from_request
    }
    #[cfg(not(feature = "ssr"))]
    {
        document_lang().unwrap_or_default()
    }
}

#[cfg(not(feature = "ssr"))]
fn document_lang() -> Option<Lang> {
    #[cfg(feature = "hydrate")]
    {
        let root = web_sys::window()?.document()?.document_element()?;
        Lang::from_code(&root.get_attribute("lang")?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Translates one message into the page's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

mod catalogue;
pub mod labels;
pub use catalogue::Msg;

/// A message in both languages, Greek first, for texts written outside a request (background
/// jobs do not know the reader's language). `fill` replaces the placeholders per language.
pub fn in_both_languages(msg: Msg, separator: &str, fill: impl Fn(&str, Lang) -> String) -> String {
    Lang::ALL
        .map(|lang| fill(msg.text(lang), lang))
        .join(separator)
}

/// The message for a tax-number error, in the given language.
pub fn afm_message(error: &crate::domain::AfmError, lang: Lang) -> String {
    use crate::domain::AfmError::*;
    match error {
        Empty => Msg::ErrRequired,
        NotDigits => Msg::ErrAfmDigits,
        WrongLength(_) => Msg::ErrAfmLength,
        AllZeros | CheckDigit => Msg::ErrAfmCheck,
    }
    .text(lang)
    .to_owned()
}

/// The message for a text-field error, in the given language.
pub fn text_message(error: &crate::domain::account::TextError, lang: Lang) -> String {
    use crate::domain::account::TextError::*;
    match error {
        Empty => Msg::ErrRequired.text(lang).to_owned(),
        TooLong(max) => Msg::ErrTooLong
            .text(lang)
            .replace("{max}", &max.to_string()),
        Invalid => Msg::ErrInvalid.text(lang).to_owned(),
    }
}

/// The message for an amount the user typed that cannot be read.
pub fn money_message(error: &crate::domain::money::MoneyError, lang: Lang) -> String {
    use crate::domain::money::MoneyError::*;
    match error {
        Empty => Msg::ErrRequired,
        Malformed => Msg::ErrAmountFormat,
        TooManyDecimals => Msg::ErrAmountDecimals,
        Negative => Msg::ErrAmountNegative,
        TooLarge => Msg::ErrAmountTooLarge,
    }
    .text(lang)
    .to_owned()
}

/// Percent-encodes a value for a URL query (letters, digits and `-_.~` stay; `/` too when
/// `keep_slash`, for paths).
pub fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b'/' if keep_slash => out.push('/'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// What to tell the user for an error that is not about one field.
pub fn app_error_message(error: &crate::error::AppError, lang: Lang) -> String {
    use crate::error::AppError::*;
    match error {
        Conflict(message) => return message.clone(),
        Validation(_) => Msg::ErrorSummaryTitle,
        Unauthenticated => Msg::ErrUnauthenticated,
        Forbidden => Msg::ErrForbidden,
        NotFound => Msg::ErrNotFound,
        RateLimited => Msg::ErrRateLimited,
        BadRequest(_) => Msg::ErrBadRequest,
        Internal | Transport(_) => Msg::ErrInternal,
    }
    .text(lang)
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_they_differ_where_words_are_expected() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !msg.text(lang).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
        let greek_only_same = Msg::ALL
            .iter()
            .filter(|m| m.text(Lang::El) == m.text(Lang::En))
            .count();
        // Only words that are the same in both languages (e.g. "Cookies") may repeat.
        assert!(
            greek_only_same <= 1,
            "{greek_only_same} messages are not translated"
        );
    }

    /// The `{name}` slots a text is filled in at.
    fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        let mismatched: Vec<_> = Msg::ALL
            .iter()
            .filter(|m| placeholders(m.text(Lang::El)) != placeholders(m.text(Lang::En)))
            .collect();
        assert!(
            mismatched.is_empty(),
            "placeholders differ in {mismatched:?}"
        );
        assert!(placeholders(Msg::ErrTooLong.text(Lang::El)).contains("max"));
        let with_placeholders = Msg::ALL
            .iter()
            .filter(|m| !placeholders(m.text(Lang::En)).is_empty())
            .count();
        assert!(with_placeholders > 10, "only {with_placeholders} read");
    }
}
