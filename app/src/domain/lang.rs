//! The languages of the user interface: Greek first, English second.

use serde::{Deserialize, Serialize};

/// A user-interface language. Greek is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    El,
    En,
}

impl Lang {
    /// Name of the cookie that remembers the user's choice.
    pub const COOKIE: &'static str = "lang";

    pub const ALL: [Lang; 2] = [Lang::El, Lang::En];

    /// The BCP 47 tag used in `<html lang>` and in the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::El => "el",
            Lang::En => "en",
        }
    }

    /// Reads a language tag; anything unknown is `None` so callers fall back to the default.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "el" | "el-gr" | "gr" => Some(Lang::El),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// Finds the language cookie in a `Cookie` request header.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        header
            .split(';')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| name.trim() == Self::COOKIE)
            .and_then(|(_, value)| Lang::from_code(value))
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::El => Lang::En,
            Lang::En => Lang::El,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_is_read_and_defaults_are_safe() {
        assert_eq!(
            Lang::from_cookie_header("a=b; lang=en; c=d"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_cookie_header("lang=el"), Some(Lang::El));
        assert_eq!(Lang::from_cookie_header("lang=fr"), None);
        assert_eq!(Lang::from_cookie_header("xlang=en"), None);
        assert_eq!(Lang::default(), Lang::El);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }
}
