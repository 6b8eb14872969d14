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
    // Byte by byte: the five are ASCII, so every cut falls between characters.
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
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
    }
}
