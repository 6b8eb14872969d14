//! A receipt's PDF: A4, in the payer's language, tagged for assistive technology (PDF/UA-1:
//! structure, language, title — krilla refuses to write a document that lacks them), in
//! DejaVu Sans embedded and subset so Greek prints anywhere. Lines are wrapped by their
//! measured width, so no text leaves the margins; a QR code and a code line let anyone check
//! the receipt on the municipality's public page.

use super::pdf::{
    a4, column_headers, draw_qr, faces, finish_document, rule, span, tagged_document, PdfError,
    MARGIN, PAGE_HEIGHT, PAGE_WIDTH,
};
use crate::domain::time::format_local;
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::views::payments::ReceiptDoc;
use krilla::geom::Rect;
use krilla::tagging::{BBox, TableHeaderScope, Tag, TagGroup, TagTree};

/// Where the value column of the details starts.
const VALUE_X: f32 = MARGIN + 170.0;

/// Who issues the receipt, as printed on it.
pub struct Issuer<'a> {
    pub name: &'a str,
    pub afm: &'a str,
    pub address: &'a str,
    /// The public address where this receipt can be checked (its code at the end).
    pub check_url: &'a str,
}

/// The receipt as an A4 PDF in `lang`.
pub fn receipt_pdf(receipt: &ReceiptDoc, issuer: &Issuer, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let (regular, bold) = faces()?;
    let say = |msg: Msg| msg.text(lang);
    let title = format!("{} {}", say(Msg::ReceiptTitle), receipt.number);
    let mut document = tagged_document(&title, None, lang)?;
    let mut tree = TagTree::new();
    let settings = a4;
    let mut page_index = 0;
    let mut page = document.start_page_with(settings()?);
    let mut surface = page.surface();
    let text_width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN + 16.0;

    // The issuer: name, then ΑΦΜ and address.
    let mut issuer_group = TagGroup::new(Tag::P);
    for line in bold.wrap(15.0, text_width, issuer.name) {
        issuer_group.push(span(&mut surface, bold, 15.0, MARGIN, y, &line));
        y += 19.0;
    }
    let details = format!("{} {} · {}", say(Msg::FieldAfm), issuer.afm, issuer.address);
    for line in regular.wrap(9.5, text_width, &details) {
        issuer_group.push(span(&mut surface, regular, 9.5, MARGIN, y, &line));
        y += 13.0;
    }
    tree.push(issuer_group);
    y += 14.0;
    let heading = span(&mut surface, bold, 14.0, MARGIN, y, &title);
    tree.push(TagGroup::with_children(
        Tag::Hn(std::num::NonZeroU16::MIN, Some(title.clone())),
        vec![heading],
    ));
    y += 10.0;
    rule(&mut surface, y);
    y += 24.0;

    // The details, as a two-column table: what (row header) and its value.
    let amount = receipt.amount.format(lang);
    let payer = match (&receipt.payer_name, &receipt.payer_email) {
        (Some(name), Some(email)) => format!("{name} · {email}"),
        (Some(name), None) => name.clone(),
        (None, Some(email)) => email.clone(),
        (None, None) => "—".into(),
    };
    let rows: Vec<(&str, String)> = vec![
        (say(Msg::ReceiptNumberPlain), receipt.number.clone()),
        (
            say(Msg::ReceiptIssued),
            format_local(receipt.issued_at_ms, lang),
        ),
        (say(Msg::ReceiptPayer), payer),
        (
            say(Msg::ReceiptPurpose),
            receipt.purpose.text(lang).to_owned(),
        ),
        (say(Msg::ColumnAmount), amount),
        (
            say(Msg::ReceiptMethod),
            say(crate::i18n::labels::payment_method_label(receipt.method)).to_owned(),
        ),
        (
            say(Msg::ReceiptBankRef),
            receipt.provider_ref.clone().unwrap_or_else(|| "—".into()),
        ),
        (say(Msg::ReceiptCheckCode), receipt.code.grouped()),
    ];
    let mut table = TagGroup::new(Tag::Table);
    for (label, value) in rows {
        let label_lines = regular.wrap(9.5, VALUE_X - MARGIN - 12.0, label);
        let value_lines = bold.wrap(11.0, PAGE_WIDTH - MARGIN - VALUE_X, &value);
        let mut header = TagGroup::new(Tag::TH(TableHeaderScope::Row));
        for (i, line) in label_lines.iter().enumerate() {
            header.push(span(
                &mut surface,
                regular,
                9.5,
                MARGIN,
                y + 13.0 * i as f32,
                line,
            ));
        }
        let mut cell = TagGroup::new(Tag::TD);
        for (i, line) in value_lines.iter().enumerate() {
            cell.push(span(
                &mut surface,
                bold,
                11.0,
                VALUE_X,
                y + 15.0 * i as f32,
                line,
            ));
        }
        table.push(TagGroup::with_children(
            Tag::TR,
            vec![header.into(), cell.into()],
        ));
        y += (13.0 * label_lines.len() as f32).max(15.0 * value_lines.len() as f32) + 9.0;
    }
    tree.push(table);

    // Refunds, if any, and what remains paid; a long list continues on the next page.
    if !receipt.refunds.is_empty() {
        y += 10.0;
        let heading_text = say(Msg::ReceiptRefunds);
        let heading = span(&mut surface, bold, 12.0, MARGIN, y, heading_text);
        tree.push(TagGroup::with_children(
            Tag::Hn(
                std::num::NonZeroU16::new(2).unwrap_or(std::num::NonZeroU16::MIN),
                Some(heading_text.to_owned()),
            ),
            vec![heading],
        ));
        y += 20.0;
        let mut refunds = TagGroup::new(Tag::Table);
        let columns = [
            (say(Msg::ReceiptNumberPlain), MARGIN),
            (say(Msg::ColumnDate), MARGIN + 100.0),
            (say(Msg::ColumnAmount), MARGIN + 215.0),
            (say(Msg::ColumnReason), MARGIN + 290.0),
        ];
        let (header_row, header_height) = column_headers(&mut surface, bold, 9.0, &columns, 8.0, y);
        refunds.push(header_row);
        y += header_height + 6.0;
        for refund in &receipt.refunds {
            let reason_lines =
                regular.wrap(9.5, PAGE_WIDTH - MARGIN - (MARGIN + 290.0), &refund.reason);
            let height = 13.0 * reason_lines.len() as f32 + 5.0;
            if y + height > PAGE_HEIGHT - MARGIN {
                surface.finish();
                page.finish();
                page_index += 1;
                page = document.start_page_with(settings()?);
                surface = page.surface();
                y = MARGIN + 12.0;
            }
            let cells = [
                refund.number.clone().unwrap_or_default(),
                format_local(refund.at_ms, lang),
                refund.amount.format(lang),
            ];
            let mut row = TagGroup::new(Tag::TR);
            for (text, (_, x)) in cells.iter().zip(columns) {
                let node = span(&mut surface, regular, 9.5, x, y, text);
                row.push(TagGroup::with_children(Tag::TD, vec![node]));
            }
            let mut reason = TagGroup::new(Tag::TD);
            for (i, line) in reason_lines.iter().enumerate() {
                reason.push(span(
                    &mut surface,
                    regular,
                    9.5,
                    columns[3].1,
                    y + 13.0 * i as f32,
                    line,
                ));
            }
            row.push(reason);
            refunds.push(row);
            y += height;
        }
        tree.push(refunds);
        y += 8.0;
        let net = format!("{}: {}", say(Msg::ReceiptNet), receipt.net().format(lang));
        let node = span(&mut surface, bold, 11.0, MARGIN, y, &net);
        tree.push(TagGroup::with_children(Tag::P, vec![node]));
        y += 12.0;
    }

    // The check: a QR code of the public address, and the address and code in words.
    let qr = super::qr::check_link_code(issuer.check_url)
        .map_err(|_| PdfError("the check address is too long for a QR code".into()))?;
    let module = 2.2_f32;
    let qr_side = (qr.size() + 8) as f32 * module; // with the quiet zone
    if y + 30.0 + qr_side > PAGE_HEIGHT - MARGIN {
        surface.finish();
        page.finish();
        page_index += 1;
        page = document.start_page_with(settings()?);
        surface = page.surface();
        y = MARGIN;
    }
    y += 18.0;
    rule(&mut surface, y);
    y += 12.0;
    let (qr_x, qr_y) = (MARGIN + 4.0 * module, y + 4.0 * module);
    let qr_node = draw_qr(&mut surface, &qr, qr_x, qr_y, module);
    let side = qr.size() as f32 * module;
    let figure = Tag::Figure(Some(format!(
        "{} {}",
        say(Msg::ReceiptCheckQrAlt),
        issuer.check_url
    )))
    .with_bbox(Rect::from_xywh(qr_x, qr_y, side, side).map(|rect| BBox::new(page_index, rect)));
    tree.push(TagGroup::with_children(figure, vec![qr_node]));
    let check_x = MARGIN + qr_side + 12.0;
    let check_width = PAGE_WIDTH - MARGIN - check_x;
    let mut check = TagGroup::new(Tag::P);
    let mut line_y = y + 18.0;
    for line in regular.wrap(9.5, check_width, say(Msg::ReceiptCheckText)) {
        check.push(span(&mut surface, regular, 9.5, check_x, line_y, &line));
        line_y += 13.0;
    }
    for line in regular.wrap(9.0, check_width, issuer.check_url) {
        check.push(span(&mut surface, regular, 9.0, check_x, line_y, &line));
        line_y += 12.0;
    }
    let code_line = format!("{}: {}", say(Msg::ReceiptCheckCode), receipt.code.grouped());
    check.push(span(
        &mut surface,
        bold,
        11.0,
        check_x,
        line_y + 4.0,
        &code_line,
    ));
    tree.push(check);

    surface.finish();
    page.finish();
    finish_document(document, tree, title, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::pdf::page_count;
    use crate::domain::payment::RefundState;
    use crate::domain::receipt_code::ReceiptCode;
    use crate::domain::Money;
    use crate::views::payments::{Description, RefundLine};

    fn receipt(refunds: usize) -> ReceiptDoc {
        ReceiptDoc {
            number: "12/2026".into(),
            issued_at_ms: 1_795_000_000_000,
            payment_id: "0b6b7c1e-0000-4000-8000-000000000000".into(),
            payer_name: Some("Μαρία Παπαδοπούλου-Κωνσταντινοπούλου".into()),
            payer_email: Some(
                "maria.papadopoulou.konstantinopoulou.with.a.very.long.address@example.gr".into(),
            ),
            purpose_kind: crate::domain::payment::PurposeKind::Test,
            purpose: Description::new(
                "Τέλος ακίνητης περιουσίας για το ακίνητο της οδού Εγνατίας 12, Θεσσαλονίκη, \
                 για τα έτη 2024 και 2025, με τις προσαυξήσεις εκπρόθεσμης καταβολής",
                "Property fee",
            ),
            amount: Money::from_cents(3050),
            method: crate::domain::payment::PaymentMethod::Card,
            provider_ref: Some("SBX-1".into()),
            code: ReceiptCode::from_random(0x2_3456_789a_bcde),
            refunds: (0..refunds)
                .map(|i| RefundLine {
                    id: format!("r{i}"),
                    number: Some(format!("Π{i}/2026")),
                    at_ms: 1_795_100_000_000,
                    amount: Money::from_cents(10),
                    reason: "Διπλή χρέωση από την τράπεζα".into(),
                    state: RefundState::Succeeded,
                    failure_message: None,
                    actor: String::new(),
                })
                .collect(),
        }
    }

    fn issuer() -> Issuer<'static> {
        Issuer {
            name: "Δήμος Επίδειξης",
            afm: "090000045",
            address: "Πλατεία Δημαρχείου 1, 54000 Θεσσαλονίκη",
            check_url: "http://127.0.0.1:3000/check/23456789AB",
        }
    }

    #[test]
    fn lines_never_leave_the_margins() {
        let (face, _) = faces().unwrap();
        let width = 200.0;
        for text in [
            receipt(0).purpose.el,
            "maria.papadopoulou.konstantinopoulou.with.a.very.long.address@example.gr".into(),
            String::new(),
        ] {
            let lines = face.wrap(10.0, width, &text);
            assert!(
                lines.iter().all(|l| face.width(10.0, l) <= width),
                "{lines:?}"
            );
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn the_pdf_is_tagged_in_the_payers_language_and_small() {
        for lang in [Lang::El, Lang::En] {
            let pdf = receipt_pdf(&receipt(2), &issuer(), lang).expect("pdf");
            assert!(pdf.starts_with(b"%PDF-"));
            let text = String::from_utf8_lossy(&pdf);
            for marker in [
                "/StructTreeRoot",
                "/MarkInfo",
                "/DisplayDocTitle true",
                "/Figure",
            ] {
                assert!(text.contains(marker), "{marker} missing");
            }
            assert!(
                text.contains(&format!("/Lang({})", lang.code())),
                "language"
            );
            // The whole DejaVu Sans is 760 KB; a subset of the glyphs used is a few tens.
            assert!(pdf.len() < 150_000, "{} bytes", pdf.len());
        }
    }

    #[test]
    fn a_long_list_of_refunds_continues_on_another_page() {
        assert_eq!(
            page_count(&receipt_pdf(&receipt(2), &issuer(), Lang::El).unwrap()),
            1
        );
        assert!(page_count(&receipt_pdf(&receipt(80), &issuer(), Lang::El).unwrap()) >= 2);
    }
}
