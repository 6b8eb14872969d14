//! The page's `<title>`. leptos_meta writes title text into the head as it is, without
//! escaping: a business called `</title><meta http-equiv="refresh" …>` would inject markup
//! into every page naming it. Pages set their title through [`PageTitle`] only.

use leptos::prelude::*;
use leptos_meta::Title;

/// Text made safe to place between HTML tags or inside a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
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

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_html(r#"</title><meta http-equiv="refresh" content="0;url=//evil">'&"#),
            "&lt;/title&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=//evil&quot;&gt;&#39;&amp;"
        );
        assert_eq!(escape_html("Καφέ Πλατεία Ο.Ε."), "Καφέ Πλατεία Ο.Ε.");
    }
}
