//! The rows of a debts table written as HTML text in one pass. A debtor may have hundreds
//! of debts; as views, each row's twenty-odd nodes and attributes cost more than the rest of
//! "my debts" together (measured). Every value goes through `push_escaped`; the markup is the
//! same the views wrote.

use crate::components::push_escaped;
use crate::domain::debt::DebtState;
use crate::domain::time::{parse_iso_date, write_date};
use crate::domain::Lang;
use crate::i18n::labels::debt_state_label;
use crate::i18n::Msg;
use crate::views::debts::DebtLine;

/// The columns' names, escaped once a table (each cell repeats its column's name for the
/// phone layout, which stacks the cells under their names).
struct Labels {
    reference: String,
    category: String,
    description: String,
    due_date: String,
    principal: String,
    interest: String,
    total: String,
    status: String,
}

impl Labels {
    fn new(lang: Lang) -> Labels {
        let escaped = |msg: Msg| {
            let mut out = String::new();
            push_escaped(&mut out, msg.text(lang));
            out
        };
        Labels {
            reference: escaped(Msg::DebtReference),
            category: escaped(Msg::DebtCategory),
            description: escaped(Msg::TaxDescription),
            due_date: escaped(Msg::TaxDueDate),
            principal: escaped(Msg::FinePrincipal),
            interest: escaped(Msg::TaxInterest),
            total: escaped(Msg::FineTotal),
            status: escaped(Msg::ColumnStatus),
        }
    }
}

/// Opens a cell: `<td class="…" data-label="…">` (no class when `class` is empty).
fn open_cell(html: &mut String, class: &str, label: &str) {
    html.push_str("<td");
    if !class.is_empty() {
        html.push_str(" class=\"");
        html.push_str(class);
        html.push('"');
    }
    html.push_str(" data-label=\"");
    html.push_str(label);
    html.push_str("\">");
}

/// A cell holding one text.
fn text_cell(html: &mut String, class: &str, label: &str, text: &str) {
    open_cell(html, class, label);
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
    let labels = Labels::new(lang);
    let text = |msg: Msg| msg.text(lang);
    // "{months} months", split once around its number.
    let months = text(Msg::TaxMonthsShort);
    let months_parts = months.split_once("{months}");
    let mut pick = String::new();
    push_escaped(&mut pick, text(Msg::DebtsPick));
    let debts = debts.into_iter();
    // About 900 bytes a row: one allocation for most tables.
    let mut html = String::with_capacity(1024 * debts.size_hint().0.max(1));
    let mut total = String::with_capacity(24);
    html.push_str("<tbody>");
    for debt in debts {
        let reference = debt.reference.as_deref().unwrap_or("—");
        total.clear();
        debt.due.total.write_to(&mut total, lang);
        html.push_str("<tr>");
        if choose {
            html.push_str("<td class=\"stack-first\">");
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
        text_cell(&mut html, "nowrap", &labels.reference, reference);
        text_cell(&mut html, "", &labels.category, debt.category.name(lang));
        text_cell(&mut html, "", &labels.description, &debt.description);
        open_cell(&mut html, "nowrap", &labels.due_date);
        match parse_iso_date(&debt.due_date) {
            Some(date) => write_date(&mut html, date, lang),
            None => push_escaped(&mut html, &debt.due_date),
        }
        html.push_str("</td>");
        open_cell(&mut html, "num nowrap", &labels.principal);
        debt.due.principal.write_to(&mut html, lang);
        html.push_str("</td>");
        open_cell(&mut html, "num nowrap", &labels.interest);
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
        open_cell(&mut html, "num nowrap stack-first", &labels.total);
        html.push_str("<strong>");
        html.push_str(&total);
        html.push_str("</strong></td>");
        open_cell(&mut html, "", &labels.status);
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
            certified_on: None,
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
}
