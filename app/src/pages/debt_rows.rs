//! The rows of a debts table written as HTML text in one pass. A debtor may have hundreds
//! of debts; as views, each row's twenty-odd nodes and attributes cost more than the rest of
//! "my debts" together (measured). Every value goes through `push_escaped`. The cells are
//! bare `<td>`s: their alignment and their names on a phone come from the stylesheet, by
//! column (`style/main.css` and [`debt_table_css`]), not from every cell.

use crate::components::push_escaped;
use crate::domain::debt::DebtState;
use crate::domain::time::{parse_iso_date, write_date};
use crate::domain::Lang;
use crate::i18n::labels::debt_state_label;
use crate::i18n::Msg;
use crate::views::debts::DebtLine;

/// The columns of a debts table from its last cell back (a first cell with a pick box, when
/// there is one, comes before them all): the name each cell shows beside its value in the
/// phone layout. Counted from the end so that one stylesheet serves both shapes.
const COLUMNS_FROM_THE_END: [Msg; 8] = [
    Msg::ColumnStatus,
    Msg::FineTotal,
    Msg::TaxInterest,
    Msg::FinePrincipal,
    Msg::TaxDueDate,
    Msg::TaxDescription,
    Msg::DebtCategory,
    Msg::DebtReference,
];

/// The phone layout's column names for debts tables, in both languages: a rule a column,
/// appended to the site's stylesheet at start-up. The rows carry no name a cell (a debtor
/// may have hundreds of debts: the names were some 40 % of "my debts"), so the stylesheet
/// says them once.
pub fn debt_table_css() -> String {
    use std::fmt::Write;
    let mut css = String::from(
        "\n/* Debts tables on a phone: each cell's column name (written from the catalogue). */\n\
         @media (max-width: 40rem) {\n",
    );
    for lang in Lang::ALL {
        for (at, msg) in COLUMNS_FROM_THE_END.iter().enumerate() {
            // Writing into a String cannot fail.
            let _ = writeln!(
                css,
                "  :lang({}) table.debts td:nth-last-child({})::before {{ content: \"{}: \"; font-weight: 600; }}",
                lang.code(),
                at + 1,
                css_string(msg.text(lang)),
            );
        }
    }
    css.push_str("}\n");
    css
}

/// Text as the inside of a CSS string: quotes, backslashes and line breaks escaped.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push_str("\\a "),
            c => out.push(c),
        }
    }
    out
}

/// A cell holding one text.
fn text_cell(html: &mut String, text: &str) {
    html.push_str("<td>");
    push_escaped(html, text);
    html.push_str("</td>");
}

/// The body of a debts table in `lang` (`<tbody>` and its `<tr>`s); with `choose`, a first cell with a box to pick
/// each payable debt (`debts[]`, named for screen readers by reference and amount). Amounts
/// and dates are written straight into the text (digits and separators: nothing to escape).
pub fn debt_rows_html<'a>(
    debts: impl IntoIterator<Item = &'a DebtLine>,
    choose: bool,
    lang: Lang,
) -> String {
    use std::fmt::Write;
    let text = |msg: Msg| msg.text(lang);
    // "{months} months", split once around its number.
    let months = text(Msg::TaxMonthsShort);
    let months_parts = months.split_once("{months}");
    let mut pick = String::new();
    push_escaped(&mut pick, text(Msg::DebtsPick));
    let debts = debts.into_iter();
    // About 450 bytes a row: one allocation for most tables.
    let mut html = String::with_capacity(512 * debts.size_hint().0.max(1));
    let mut total = String::with_capacity(24);
    html.push_str("<tbody>");
    for debt in debts {
        let reference = debt.reference.as_deref().unwrap_or("—");
        total.clear();
        debt.due.total.write_to(&mut total, lang);
        html.push_str("<tr>");
        if choose {
            html.push_str("<td>");
            if debt.is_payable() {
                html.push_str("<input type=\"checkbox\" name=\"debts[]\" value=\"");
                push_escaped(&mut html, &debt.id);
                html.push_str("\" aria-label=\"");
                html.push_str(&pick);
                html.push(' ');
                push_escaped(&mut html, reference);
                html.push_str(" · ");
                html.push_str(&total);
                html.push_str("\">");
            }
            html.push_str("</td>");
        }
        text_cell(&mut html, reference);
        text_cell(&mut html, debt.category.name(lang));
        text_cell(&mut html, &debt.description);
        html.push_str("<td>");
        match parse_iso_date(&debt.due_date) {
            Some(date) => write_date(&mut html, date, lang),
            None => push_escaped(&mut html, &debt.due_date),
        }
        html.push_str("</td>");
        html.push_str("<td>");
        debt.due.principal.write_to(&mut html, lang);
        html.push_str("</td>");
        html.push_str("<td>");
        if debt.kind.bears_interest() {
            debt.due.interest.write_to(&mut html, lang);
            html.push_str(" (");
            match months_parts {
                Some((before, after)) => {
                    push_escaped(&mut html, before);
                    // Writing into a String cannot fail.
                    let _ = write!(html, "{}", debt.due.months);
                    push_escaped(&mut html, after);
                }
                None => push_escaped(&mut html, months),
            }
            html.push(')');
        } else {
            html.push('—');
        }
        html.push_str("</td>");
        html.push_str("<td><strong>");
        html.push_str(&total);
        html.push_str("</strong></td>");
        html.push_str("<td>");
        match (&debt.paid_by, debt.state) {
            (Some(payment), DebtState::Paid) => {
                push_escaped(&mut html, text(Msg::DebtStatePaid));
                html.push_str(" · <a href=\"/payments/");
                push_escaped(&mut html, payment);
                html.push_str("/receipt\">");
                push_escaped(&mut html, debt.receipt.as_deref().unwrap_or_default());
                html.push_str("</a>");
            }
            (_, state) => {
                push_escaped(&mut html, text(debt_state_label(state)));
                if let Some(reason) = &debt.cancel_reason {
                    html.push_str(" · ");
                    push_escaped(&mut html, reason);
                }
            }
        }
        html.push_str("</td></tr>");
    }
    html.push_str("</tbody>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::debt::{AmountDue, DebtKind};
    use crate::domain::Money;
    use crate::views::debts::DebtCategory;

    fn debt(state: DebtState) -> DebtLine {
        DebtLine {
            id: "d\"1".into(),
            reference: Some("R-1<b>".into()),
            kind: DebtKind::Certified,
            category: DebtCategory {
                code: "tap".into(),
                name_el: "ΤΑΠ & λοιπά".into(),
                name_en: "Property duty".into(),
            }
            .into(),
            description: "<script>alert('x')</script>".into(),
            due_date: "2025-02-28".into(),
            state,
            due: AmountDue {
                principal: Money::from_cents(2150),
                months: 22,
                interest: Money::from_cents(345),
                total: Money::from_cents(2495),
            },
            paid_by: (state == DebtState::Paid).then(|| "p\"><x>".into()),
            receipt: (state == DebtState::Paid).then(|| "Α-7".into()),
            cancel_reason: (state == DebtState::Cancelled).then(|| "<i>wrong</i>".into()),
        }
    }

    #[test]
    fn a_payable_row_has_its_box_and_nine_cells_with_every_value_escaped() {
        let html = debt_rows_html([&debt(DebtState::Open)], true, Lang::El);
        assert_eq!(html.matches("<td").count(), 9);
        assert!(html.contains(
            "<input type=\"checkbox\" name=\"debts[]\" value=\"d&quot;1\" \
             aria-label=\"Επιλογή για πληρωμή R-1&lt;b&gt; · 24,95\u{a0}€\">"
        ));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(html.contains(">ΤΑΠ &amp; λοιπά</td>"));
        assert!(html.contains(">28/02/2025</td>"));
        assert!(html.contains(">3,45\u{a0}€ (22 μήνες)</td>"));
        assert!(html.contains("<strong>24,95\u{a0}€</strong>"));
        assert!(!html.contains("<script") && !html.contains("<b>"));
    }

    #[test]
    fn paid_and_cancelled_rows_say_so_and_offer_no_box() {
        let html = debt_rows_html(
            [&debt(DebtState::Paid), &debt(DebtState::Cancelled)],
            true,
            Lang::En,
        );
        assert!(!html.contains("checkbox"));
        assert!(html.contains("<a href=\"/payments/p&quot;&gt;&lt;x&gt;/receipt\">Α-7</a>"));
        assert!(html.contains(" · &lt;i&gt;wrong&lt;/i&gt;</td>"));
        assert!(!html.contains("<i>") && !html.contains("<x>"));
        let without_choice = debt_rows_html([&debt(DebtState::Open)], false, Lang::En);
        assert_eq!(without_choice.matches("<td").count(), 8);
    }

    #[test]
    fn cells_are_bare_and_the_stylesheet_names_each_column_once_a_language() {
        let html = debt_rows_html([&debt(DebtState::Open)], true, Lang::El);
        assert_eq!(html.matches("<td>").count(), 9, "{html}");
        assert!(!html.contains("data-label") && !html.contains("class="));
        let css = debt_table_css();
        // Counted from the end: the last cell is the status, the eighth the reference.
        assert!(css.contains(
            ":lang(el) table.debts td:nth-last-child(1)::before { content: \"Κατάσταση: \";"
        ));
        assert!(css.contains(":lang(en) table.debts td:nth-last-child(8)::before { content: \"Debt number (the municipality's): \";"));
        assert_eq!(css.matches("::before").count(), 16);
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }

    #[test]
    fn css_strings_escape_quotes_backslashes_and_line_breaks() {
        assert_eq!(css_string("a\"b\\c\nd"), "a\\\"b\\\\c\\a d");
    }
}
