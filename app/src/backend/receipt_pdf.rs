//! A receipt's PDF: A4, typeset with krilla in DejaVu Sans (embedded, subset) so Greek
//! prints anywhere.

use crate::domain::time::format_local;
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::views::payments::ReceiptDoc;

static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A label in both languages, Greek first: a receipt is read by people and offices alike.
fn both(msg: Msg) -> String {
    format!("{} · {}", msg.text(Lang::El), msg.text(Lang::En))
}

/// Splits text into lines of at most `width` characters, at spaces where possible.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            let rest: String = line.chars().skip(width).collect();
            lines.push(head);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[derive(Debug, thiserror::Error)]
#[error("the receipt PDF could not be made: {0}")]
pub struct PdfError(String);

/// The receipt as an A4 PDF. `municipality` is the issuer's name (both languages).
pub fn receipt_pdf(receipt: &ReceiptDoc, municipality: &str) -> Result<Vec<u8>, PdfError> {
    use krilla::geom::{PathBuilder, Point, Rect};
    use krilla::metadata::Metadata;
    use krilla::page::PageSettings;
    use krilla::text::{Font, TextDirection};
    use krilla::Document;

    let regular = Font::new(FONT_REGULAR.into(), 0).ok_or(PdfError("regular font".into()))?;
    let bold = Font::new(FONT_BOLD.into(), 0).ok_or(PdfError("bold font".into()))?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", both(Msg::ReceiptTitle), receipt.number))
            .language("el".into())
            .creator("Dimos".into()),
    );
    let page_settings = PageSettings::from_wh(595.0, 842.0).ok_or(PdfError("page".into()))?;
    let mut page = document.start_page_with(page_settings);
    let mut surface = page.surface();
    let (left, value_x, mut y) = (56.0_f32, 250.0_f32, 72.0_f32);
    let text = |surface: &mut krilla::surface::Surface,
                x: f32,
                y: f32,
                font: &Font,
                size: f32,
                line: &str| {
        surface.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            size,
            line,
            false,
            TextDirection::Auto,
        );
    };
    text(&mut surface, left, y, &bold, 16.0, municipality);
    y += 28.0;
    text(&mut surface, left, y, &bold, 13.0, &both(Msg::ReceiptTitle));
    y += 10.0;
    let mut rule = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(left, y, 595.0 - 2.0 * left, 0.8) {
        rule.push_rect(rect);
    }
    if let Some(path) = rule.finish() {
        surface.draw_path(&path);
    }
    y += 24.0;
    let amount = receipt.amount;
    let payer = match (&receipt.payer_name, &receipt.payer_email) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(name), None) => name.clone(),
        (None, Some(email)) => email.clone(),
        (None, None) => "—".into(),
    };
    let rows: Vec<(Msg, String)> = vec![
        (Msg::ReceiptNumberPlain, receipt.number.clone()),
        (
            Msg::ReceiptIssued,
            format_local(receipt.issued_at_ms, Lang::El),
        ),
        (Msg::ReceiptPayer, payer),
        (Msg::ReceiptPurpose, receipt.purpose.el.clone()),
        (
            Msg::ColumnAmount,
            format!("{} ({})", amount.format(Lang::El), amount.format(Lang::En)),
        ),
        (Msg::ReceiptMethod, both(Msg::ReceiptMethodCard)),
        (
            Msg::ReceiptBankRef,
            receipt.provider_ref.clone().unwrap_or_else(|| "—".into()),
        ),
        (Msg::ReceiptPaymentId, receipt.payment_id.clone()),
    ];
    for (label, value) in rows {
        for (i, line) in wrap(&both(label), 34).iter().enumerate() {
            text(&mut surface, left, y + 13.0 * i as f32, &regular, 9.0, line);
        }
        let lines = wrap(&value, 48);
        for (i, line) in lines.iter().enumerate() {
            text(
                &mut surface,
                value_x,
                y + 15.0 * i as f32,
                &bold,
                11.0,
                line,
            );
        }
        y += 15.0 * lines.len().max(2) as f32 + 8.0;
    }
    if !receipt.refunds.is_empty() {
        y += 12.0;
        text(
            &mut surface,
            left,
            y,
            &bold,
            12.0,
            &both(Msg::ReceiptRefunds),
        );
        y += 20.0;
        for refund in &receipt.refunds {
            let line = format!(
                "{}  {}  {}  {}",
                refund.number.clone().unwrap_or_default(),
                format_local(refund.at_ms, Lang::El),
                refund.amount.format(Lang::El),
                refund.reason
            );
            for part in wrap(&line, 90) {
                text(&mut surface, left, y, &regular, 10.0, &part);
                y += 14.0;
            }
        }
        y += 6.0;
        let net = receipt.net();
        text(
            &mut surface,
            left,
            y,
            &regular,
            10.0,
            &both(Msg::ReceiptNet),
        );
        text(
            &mut surface,
            value_x + 100.0,
            y,
            &bold,
            11.0,
            &net.format(Lang::El),
        );
    }
    surface.finish();
    page.finish();
    document
        .finish()
        .map_err(|error| PdfError(format!("{error:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_never_exceeds_the_width() {
        let lines = wrap(
            "Τέλος ακίνητης περιουσίας για το ακίνητο της οδού Εγνατίας 12",
            20,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Τέλος ακίνητης περιουσίας για το ακίνητο της οδού Εγνατίας 12"
        );
        assert_eq!(wrap("", 10), vec![String::new()]);
        assert!(wrap(&"x".repeat(25), 10)
            .iter()
            .all(|l| l.chars().count() <= 10));
    }

    #[test]
    fn the_pdf_embeds_a_subset_of_the_font_and_is_small() {
        let receipt = ReceiptDoc {
            number: "12/2026".into(),
            issued_at_ms: 1_795_000_000_000,
            payment_id: "0b6b7c1e-0000-4000-8000-000000000000".into(),
            payer_name: Some("Μαρία Παπαδοπούλου".into()),
            payer_email: Some("maria@example.gr".into()),
            purpose_kind: crate::domain::payment::PurposeKind::Test,
            purpose: crate::views::payments::Description::new("Δοκιμαστικό τέλος", "Test fee"),
            amount: crate::domain::Money::from_cents(3050),
            provider_ref: Some("SBX-1".into()),
            refunds: vec![],
        };
        let pdf = receipt_pdf(&receipt, "Δήμος Επίδειξης · Demo Municipality").expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        // The whole DejaVu Sans is 760 KB; a subset of the glyphs used is a few tens.
        eprintln!("receipt PDF: {} bytes", pdf.len());
        assert!(pdf.len() < 120_000, "{} bytes", pdf.len());
    }
}
