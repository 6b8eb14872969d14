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
    // Copied up to `start`; looking at `at`. Both only ever stop at one of the five, which
    // are ASCII, so every cut falls between characters.
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        // Sixteen bytes at a time while none is one of the five: checked without branching,
        // which the compiler does in one go (rows of hundreds of values go through here).
        if let Some(chunk) = bytes.get(at..at + 16) {
            if !chunk.iter().fold(false, |any, &b| any | needs_escaping(b)) {
                at += 16;
                continue;
            }
        }
        let entity = match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[start..at]);
        out.push_str(entity);
        at += 1;
        start = at;
    }
    out.push_str(&text[start..]);
}

fn needs_escaping(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
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
    use super::escape_html;
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
        fn escaping_a_chunk_at_a_time_is_escaping_each_character(
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
