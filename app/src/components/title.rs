//! The page's `<title>`. leptos_meta writes title text into the head as it is, without
//! escaping: a business called `</title><meta http-equiv="refresh" …>` would inject markup
//! into every page naming it. Pages set their title through [`PageTitle`] only.

use leptos::prelude::*;
use leptos_meta::Title;

/// Text made safe to place between HTML tags or inside a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out` escaped as `escape_html` does (HTML written by hand, one pass).
pub fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Nearly every value holds none of the five: one check of the whole text, without
    // branching, then one copy (rows of hundreds of short values go through here).
    if !has_any_to_escape(bytes) {
        out.push_str(text);
        return;
    }
    // Copied up to `start`. Cuts fall only at one of the five, which are ASCII, so every
    // cut falls between characters.
    let mut start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(entity);
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// Whether any byte is one of the five, eight at a time in a machine word (measured: half
/// the instructions of a byte-by-byte test for values of a few words).
fn has_any_to_escape(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    let mut any = false;
    for word in &mut words {
        // `chunks_exact` yields eight bytes.
        any |= word
            .try_into()
            .is_ok_and(|word| word_has_any_to_escape(u64::from_le_bytes(word)));
    }
    // The last bytes in a word of their own, padded with zeros (zero is not one of the five).
    let mut last = 0u64;
    for (at, &byte) in words.remainder().iter().enumerate() {
        last |= u64::from(byte) << (8 * at);
    }
    any | word_has_any_to_escape(last)
}

/// Whether one of a word's eight bytes is one of the five: for each, the bytes equal to it
/// become zero under XOR, and `(x - 0x01…) & !x & 0x80…` is not zero exactly when some byte
/// of `x` is zero.
fn word_has_any_to_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let zero_byte_where = |byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGH_BITS
    };
    (zero_byte_where(b'&')
        | zero_byte_where(b'<')
        | zero_byte_where(b'>')
        | zero_byte_where(b'"')
        | zero_byte_where(b'\''))
        != 0
}

/// Sets the page title (the app adds " — municipality"); any text, escaped here.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=escape_html(&text) /> }
}

/// The public page's summary for search engines and link previews (our own words only).
#[component]
pub fn PageDescription(text: crate::i18n::Msg) -> impl IntoView {
    view! { <leptos_meta::Meta name="description" content=crate::i18n::t(text) /> }
}

#[cfg(test)]
mod tests {
    use super::{escape_html, has_any_to_escape};
    use proptest::prelude::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_html(r#"</title><meta http-equiv="refresh" content="0;url=//evil">'&"#),
            "&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=//evil&quot;&gt;&#39;&amp;"
        );
        assert_eq!(escape_html("Καφέ Πλατεία Ο.Ε."), "Καφέ Πλατεία Ο.Ε.");
        assert_eq!(escape_html("<<Ά&&>>"), "&lt;&lt;Ά&amp;&amp;&gt;&gt;");
        assert_eq!(escape_html(""), "");
    }

    proptest! {
        #[test]
        fn escaped_text_holds_no_markup_and_reads_back(text in any::<String>()) {
            let escaped = escape_html(&text);
            prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            let read_back = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            prop_assert_eq!(read_back, text);
        }

        #[test]
        fn the_word_test_finds_exactly_the_bytes_to_escape(
            bytes in proptest::collection::vec(any::<u8>(), 0..40),
            text in "([a-zΑ-ω&<>\"' ]{0,40}|.{0,40})",
        ) {
            let byte_by_byte =
                |bytes: &[u8]| bytes.iter().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''));
            prop_assert_eq!(has_any_to_escape(&bytes), byte_by_byte(&bytes));
            prop_assert_eq!(has_any_to_escape(text.as_bytes()), byte_by_byte(text.as_bytes()));
        }

        #[test]
        fn escaping_a_word_at_a_time_is_escaping_each_character(
            text in "([a-zΑ-ω&<>\"' ]{0,40}|.{0,40})"
        ) {
            let each: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    c => c.to_string(),
                })
                .collect();
            prop_assert_eq!(escape_html(&text), each);
        }
    }
}
