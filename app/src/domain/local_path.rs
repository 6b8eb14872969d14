//! Where the portal may send a browser: a path on this site, never another site. Every
//! redirect built from something a request carried (`next=`, a return address) goes
//! through [`LocalPath::parse`].

use std::fmt;

/// A path on this site (`/fines/…?x=1`), safe to put in a `Location` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalPath(String);

impl LocalPath {
    /// Longer paths are refused (no page of the portal needs more).
    pub const MAX_LEN: usize = 1024;

    /// The path, if `text` names one on this site. Refused: anything not starting with a
    /// single `/` (`//host`, `/\host`, `https:`), backslashes anywhere, control characters
    /// and whitespace (browsers drop a tab or newline, so `/\t/evil.example` would become
    /// `//evil.example`). Characters beyond ASCII are percent-encoded, so the result is
    /// always a valid header value.
    pub fn parse(text: &str) -> Option<LocalPath> {
        if text.len() > Self::MAX_LEN {
            return None;
        }
        let mut bytes = text.bytes();
        if bytes.next() != Some(b'/') || matches!(bytes.next(), Some(b'/' | b'\\')) {
            return None;
        }
        if text
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return None;
        }
        let mut path = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                path.push(c);
            } else {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    path.push_str(&format!("%{byte:02X}"));
                }
            }
        }
        Some(LocalPath(path))
    }

    /// `text` when it is a local path, else `fallback` (itself a fixed local path).
    pub fn or(text: &str, fallback: &'static str) -> LocalPath {
        LocalPath::parse(text).unwrap_or_else(|| LocalPath(fallback.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LocalPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_paths_pass() {
        for ok in ["/", "/fines", "/payments/ab-12?x=1&y=%2F", "/a/b#top"] {
            assert_eq!(LocalPath::parse(ok).unwrap().as_str(), ok);
        }
        assert_eq!(
            LocalPath::parse("/δήμος").unwrap().as_str(),
            "/%CE%B4%CE%AE%CE%BC%CE%BF%CF%82"
        );
    }

    #[test]
    fn other_sites_and_tricks_are_refused() {
        for bad in [
            "",
            "fines",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/a\u{0}b",
            "/a\u{7f}",
            "/ /evil.example",
            "/\u{2028}/evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            " /fines",
            "/a\\b",
        ] {
            assert_eq!(LocalPath::parse(bad), None, "{bad:?} must be refused");
        }
        assert_eq!(LocalPath::parse(&format!("/{}", "a".repeat(2000))), None);
        assert_eq!(
            LocalPath::or("//evil.example", "/account").as_str(),
            "/account"
        );
    }

    proptest! {
        /// Whatever goes in, what comes out is a header-safe path that browsers resolve
        /// on this site: one leading slash, visible ASCII only.
        #[test]
        fn whatever_passes_stays_on_this_site(text in any::<String>()) {
            if let Some(path) = LocalPath::parse(&text) {
                let s = path.as_str();
                prop_assert!(s.starts_with('/'));
                prop_assert!(!s.starts_with("//"));
                prop_assert!(s.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b'\\'));
            }
        }
    }
}
