//! A notice's PDF: A4, in the reader's language, tagged (PDF/UA-1), small enough to e-mail:
//! the municipality, the debtor, each debt with principal and interest, the total, the pay-by
//! date, and, while it takes payment, the RF in groups of four, the account and the EPC code
//! a banking app scans.

use super::pdf::{
    a4, column_headers, draw_qr, faces, finish_document, rule, span, tagged_document, PdfError,
    MARGIN, PAGE_HEIGHT, PAGE_WIDTH,
};
use crate::domain::time::format_iso_date;
use crate::domain::Lang;
use crate::i18n::labels::notice_shown_label;
use crate::i18n::Msg;
use crate::views::notices::NoticeDoc;
use krilla::geom::Rect;
use krilla::tagging::{BBox, TableHeaderScope, Tag, TagGroup, TagTree};
use std::num::NonZeroU16;

/// Who issues the notice, as printed on it.
pub struct NoticeIssuer<'a> {
    pub name: &'a str,
    pub address: &'a str,
}

/// Points a QR module is drawn (a version-10 code is then 57 × 2.2 ≈ 125 pt, 4.4 cm).
const QR_MODULE: f32 = 2.2;

/// The debts table's columns: label and left edge; amounts end at the next column's edge.
const COLUMNS: [(Msg, f32); 6] = [
    (Msg::DebtReference, MARGIN),
    (Msg::TaxDescription, MARGIN + 82.0),
    (Msg::TaxDueDate, MARGIN + 234.0),
    (Msg::FinePrincipal, MARGIN + 290.0),
    (Msg::TaxInterest, MARGIN + 352.0),
    (Msg::DebtsKindTotal, MARGIN + 418.0),
];

/// The debts table's type sizes (its header a little smaller, so every label fits its
/// column on one or two lines).
const CELL_SIZE: f32 = 8.5;
const HEADER_SIZE: f32 = 8.0;

/// Where column `i` ends (the next one's edge, less a gap; the margin for the last).
fn column_end(i: usize) -> f32 {
    COLUMNS
        .get(i + 1)
        .map(|(_, x)| x - 6.0)
        .unwrap_or(PAGE_WIDTH - MARGIN)
}

/// The notice as an A4 PDF in `lang`; `code` is its EPC code while it takes payment.
pub fn notice_pdf(
    doc: &NoticeDoc,
    issuer: &NoticeIssuer,
    code: Option<&qrcodegen::QrCode>,
    lang: Lang,
) -> Result<Vec<u8>, PdfError> {
    let (regular, bold) = faces()?;
    let say = |msg: Msg| msg.text(lang);
    let row = &doc.row;
    let name = match row.number {
        Some(number) => format!("{} {number}", say(Msg::NoticeNumberShort)),
        None => row.rf.clone(),
    };
    let title = format!("{} {name}", say(Msg::NoticeTitle));
    // The RF, amount and date also as plain text in the metadata: readers and mail
    // clients show it, and a search finds the notice by its RF.
    let summary = format!(
        "{} {} · {} {} · {} {}",
        say(Msg::NoticeRf),
        row.rf,
        say(Msg::NoticeAmount),
        row.amount.format(lang),
        say(Msg::NoticePayBy),
        format_iso_date(&row.pay_by, lang)
    );
    let mut document = tagged_document(&title, Some(summary), lang)?;
    let mut tree = TagTree::new();
    let mut page_index = 0;
    let mut page = document.start_page_with(a4()?);
    let mut surface = page.surface();
    let text_width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN + 16.0;

    let mut issuer_group = TagGroup::new(Tag::P);
    for line in regular.wrap(15.0, text_width, issuer.name) {
        issuer_group.push(span(&mut surface, regular, 15.0, MARGIN, y, &line));
        y += 19.0;
    }
    for line in regular.wrap(9.5, text_width, issuer.address) {
        issuer_group.push(span(&mut surface, regular, 9.5, MARGIN, y, &line));
        y += 13.0;
    }
    tree.push(issuer_group);
    y += 14.0;
    let heading = span(&mut surface, regular, 16.0, MARGIN, y, &title);
    tree.push(TagGroup::with_children(
        Tag::Hn(NonZeroU16::MIN, Some(title.clone())),
        vec![heading],
    ));
    y += 10.0;
    rule(&mut surface, y);
    y += 22.0;

    // The details: debtor, ΑΦΜ, dates, and the state unless it is open.
    let date = |iso: &str| format_iso_date(iso, lang);
    let mut details: Vec<(&str, String)> = vec![
        (say(Msg::DebtorName), doc.debtor_name.clone()),
        (say(Msg::FieldAfm), doc.afm.clone()),
        (say(Msg::NoticeIssued), date(&row.issued_on)),
        (say(Msg::NoticePayBy), date(&row.pay_by)),
    ];
    if code.is_none() {
        details.push((
            say(Msg::ColumnStatus),
            say(notice_shown_label(row.shown)).into(),
        ));
    }
    let value_x = MARGIN + 150.0;
    let mut table = TagGroup::new(Tag::Table);
    for (label, value) in details {
        let mut header = TagGroup::new(Tag::TH(TableHeaderScope::Row));
        header.push(span(&mut surface, regular, 9.5, MARGIN, y, label));
        let mut cell = TagGroup::new(Tag::TD);
        let lines = regular.wrap(11.0, PAGE_WIDTH - MARGIN - value_x, &value);
        for (i, line) in lines.iter().enumerate() {
            cell.push(span(
                &mut surface,
                regular,
                11.0,
                value_x,
                y + 14.0 * i as f32,
                line,
            ));
        }
        table.push(TagGroup::with_children(
            Tag::TR,
            vec![header.into(), cell.into()],
        ));
        y += 14.0 * lines.len() as f32 + 6.0;
    }
    tree.push(table);
    y += 10.0;

    // The debts: one row each, continued on a new page when the page is full.
    let mut debts = TagGroup::new(Tag::Table);
    let labels: Vec<(&str, f32)> = COLUMNS.iter().map(|(msg, x)| (say(*msg), *x)).collect();
    let (header_row, header_height) =
        column_headers(&mut surface, regular, HEADER_SIZE, &labels, 6.0, y);
    debts.push(header_row);
    y += header_height + 6.0;
    for line in &doc.lines {
        let what = format!("{} · {}", line.category(lang), line.description);
        let what_lines = regular.wrap(CELL_SIZE, column_end(1) - COLUMNS[1].1, &what);
        let reference = line.reference.clone().unwrap_or_else(|| "—".into());
        let reference_lines = regular.wrap(CELL_SIZE, column_end(0) - MARGIN, &reference);
        let height = 11.5 * what_lines.len().max(reference_lines.len()) as f32 + 5.0;
        if y + height > PAGE_HEIGHT - MARGIN {
            surface.finish();
            page.finish();
            page_index += 1;
            page = document.start_page_with(a4()?);
            surface = page.surface();
            y = MARGIN + 12.0;
        }
        let mut cells = TagGroup::new(Tag::TR);
        let text_cell = |surface: &mut krilla::surface::Surface, lines: &[String], x: f32| {
            let mut cell = TagGroup::new(Tag::TD);
            for (n, text) in lines.iter().enumerate() {
                cell.push(span(
                    surface,
                    regular,
                    CELL_SIZE,
                    x,
                    y + 11.5 * n as f32,
                    text,
                ));
            }
            cell
        };
        cells.push(text_cell(&mut surface, &reference_lines, COLUMNS[0].1));
        cells.push(text_cell(&mut surface, &what_lines, COLUMNS[1].1));
        cells.push(text_cell(
            &mut surface,
            &[date(&line.due_date)],
            COLUMNS[2].1,
        ));
        for (i, amount) in [(3, line.principal), (4, line.interest), (5, line.amount)] {
            let text = amount.format(lang);
            let x = column_end(i) - regular.width(CELL_SIZE, &text);
            let node = span(&mut surface, regular, CELL_SIZE, x, y, &text);
            cells.push(TagGroup::with_children(Tag::TD, vec![node]));
        }
        debts.push(cells);
        y += height;
    }
    tree.push(debts);
    y += 6.0;
    // Bold only where the eye must land (amount, RF): each face embeds the glyphs it draws,
    // and Greek words in a second face would make the notice ~15 KB larger.
    let label = format!("{}: ", say(Msg::NoticeAmount));
    let amount = row.amount.format(lang);
    let total = format!("{label}{amount}");
    let label_node = span(&mut surface, regular, 12.0, MARGIN, y + 4.0, &label);
    let amount_x = MARGIN + regular.width(12.0, &label);
    let amount_node = span(&mut surface, bold, 12.0, amount_x, y + 4.0, &amount);
    tree.push(TagGroup::with_children(
        Tag::P,
        vec![label_node, amount_node],
    ));
    y += 20.0;

    // Paying at a bank: the EPC code beside the RF and the account, while payable.
    if let Some(code) = code {
        let qr_side = (code.size() + 8) as f32 * QR_MODULE;
        if y + 40.0 + qr_side > PAGE_HEIGHT - MARGIN {
            surface.finish();
            page.finish();
            page_index += 1;
            page = document.start_page_with(a4()?);
            surface = page.surface();
            y = MARGIN;
        }
        y += 10.0;
        rule(&mut surface, y);
        y += 22.0;
        let heading_text = say(Msg::NoticePayByBank);
        let heading = span(&mut surface, regular, 13.0, MARGIN, y, heading_text);
        tree.push(TagGroup::with_children(
            Tag::Hn(
                NonZeroU16::new(2).unwrap_or(NonZeroU16::MIN),
                Some(heading_text.to_owned()),
            ),
            vec![heading],
        ));
        y += 6.0;
        let (qr_x, qr_y) = (MARGIN + 4.0 * QR_MODULE, y + 4.0 * QR_MODULE);
        let qr_node = draw_qr(&mut surface, code, qr_x, qr_y, QR_MODULE);
        let side = code.size() as f32 * QR_MODULE;
        let figure = Tag::Figure(Some(say(Msg::NoticeQrAlt).to_owned())).with_bbox(
            Rect::from_xywh(qr_x, qr_y, side, side).map(|rect| BBox::new(page_index, rect)),
        );
        tree.push(TagGroup::with_children(figure, vec![qr_node]));
        let x = MARGIN + qr_side + 12.0;
        let width = PAGE_WIDTH - MARGIN - x;
        let mut line_y = y + 22.0;
        let mut account = TagGroup::new(Tag::P);
        let rf_label = say(Msg::NoticeRf);
        account.push(span(&mut surface, regular, 9.5, x, line_y, rf_label));
        line_y += 18.0;
        account.push(span(&mut surface, bold, 15.0, x, line_y, &row.rf));
        line_y += 20.0;
        for text in [
            format!("{}: {}", say(Msg::NoticeBeneficiary), doc.payee.beneficiary),
            format!("IBAN: {}", doc.payee.iban),
            format!("BIC: {}", doc.payee.bic),
            total.clone(),
        ] {
            for line in regular.wrap(9.5, width, &text) {
                account.push(span(&mut surface, regular, 9.5, x, line_y, &line));
                line_y += 13.0;
            }
        }
        line_y += 4.0;
        for line in regular.wrap(8.5, width, say(Msg::NoticePayByBankHint)) {
            account.push(span(&mut surface, regular, 8.5, x, line_y, &line));
            line_y += 11.0;
        }
        tree.push(account);
    }

    surface.finish();
    page.finish();
    finish_document(document, tree, title, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::pdf::page_count;
    use crate::backend::pdf::qr_rects;
    use crate::domain::epc::{Bic, EpcTransfer, Iban};
    use crate::domain::notice::{NoticeKind, NoticeShown};
    use crate::domain::{Money, RfReference};
    use crate::views::notices::{NoticeLine, NoticeRow, PayeeAccount};

    fn doc(lines: usize) -> NoticeDoc {
        NoticeDoc {
            row: NoticeRow {
                id: "n1".into(),
                number: Some(42),
                kind: NoticeKind::Debts,
                rf: RfReference::create("99991000000042").unwrap().grouped(),
                issued_on: "2026-12-06".into(),
                pay_by: "2027-01-05".into(),
                amount: Money::from_cents(123_456),
                shown: NoticeShown::Open,
                paid_by: None,
                receipt: None,
            },
            debtor_name: "Μαρία Παπαδοπούλου".into(),
            afm: "090000045".into(),
            lines: (0..lines)
                .map(|i| NoticeLine {
                    reference: Some(format!("ΤΑΠ-2026-{i:05}")),
                    category_el: "Τέλος ακίνητης περιουσίας (ΤΑΠ)".into(),
                    category_en: "Property fee (TAP)".into(),
                    description: "Ακίνητο Εγνατίας 12, Θεσσαλονίκη, έτος 2025".into(),
                    due_date: "2026-03-31".into(),
                    principal: Money::from_cents(10_000),
                    interest: Money::from_cents(657),
                    amount: Money::from_cents(10_657),
                })
                .collect(),
            payee: PayeeAccount {
                beneficiary: "Δήμος Επίδειξης".into(),
                iban: Iban::parse("GR1601101250000000012300695")
                    .unwrap()
                    .grouped(),
                bic: "ETHNGRAA".into(),
            },
            qr: None,
        }
    }

    fn transfer() -> EpcTransfer {
        EpcTransfer::new(
            Bic::parse("ETHNGRAA").unwrap(),
            "Δήμος Επίδειξης",
            Iban::parse("GR1601101250000000012300695").unwrap(),
            Money::from_cents(123_456),
            RfReference::create("99991000000042").unwrap(),
            "",
        )
        .unwrap()
    }

    fn issuer() -> NoticeIssuer<'static> {
        NoticeIssuer {
            name: "Δήμος Επίδειξης",
            address: "Πλατεία Δημαρχείου 1, 54000 Δήμος Επίδειξης",
        }
    }

    #[test]
    fn a_notice_is_a_tagged_a4_pdf_small_enough_to_email() {
        let code = crate::backend::qr::epc_code(&transfer()).unwrap();
        for lang in [Lang::El, Lang::En] {
            let pdf = notice_pdf(&doc(5), &issuer(), Some(&code), lang).expect("pdf");
            assert!(pdf.starts_with(b"%PDF-"));
            let text = String::from_utf8_lossy(&pdf);
            for marker in ["/StructTreeRoot", "/Figure", "/MediaBox[0 0 595 842]"] {
                assert!(text.contains(marker), "{marker} missing");
            }
            assert!(text.contains(&format!("/Lang({})", lang.code())));
            // The RF and the amount are in the document as text, not only drawn.
            assert!(text.contains(&doc(5).row.rf), "the RF in the metadata");
            assert!(text.contains(&Money::from_cents(123_456).format(lang)));
            assert!(
                pdf.len() <= 60_000,
                "{} bytes: over the 60 KB target",
                pdf.len()
            );
            assert_eq!(page_count(&pdf), 1);
        }
        // Sixty debts run onto more pages; a notice that takes no payment has no code.
        let long = notice_pdf(&doc(60), &issuer(), Some(&code), Lang::El).unwrap();
        assert!(page_count(&long) >= 2);
        let paid = notice_pdf(&doc(2), &issuer(), None, Lang::El).unwrap();
        assert!(!String::from_utf8_lossy(&paid).contains("/Figure"));
    }

    /// What a banking app's camera sees: the rectangles the PDF draws, rasterised at four
    /// pixels a point, decoded by a reader that shares no code with the encoder.
    #[test]
    fn the_code_drawn_in_the_pdf_scans_back_to_the_transfer() {
        let transfer = transfer();
        let code = crate::backend::qr::epc_code(&transfer).unwrap();
        let (x0, y0) = (MARGIN + 4.0 * QR_MODULE, 300.0);
        let rects = qr_rects(&code, x0, y0, QR_MODULE);
        let scale = 4.0;
        let quiet = 4.0 * QR_MODULE;
        let side_points = code.size() as f32 * QR_MODULE + 2.0 * quiet;
        let side = (side_points * scale).ceil() as usize;
        let (left, top) = (x0 - quiet, y0 - quiet);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |px, py| {
            let (x, y) = (
                left + (px as f32 + 0.5) / scale,
                top + (py as f32 + 0.5) / scale,
            );
            let dark = rects
                .iter()
                .any(|r| x >= r.left() && x < r.right() && y >= r.top() && y < r.bottom());
            if dark {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, text) = grids[0].decode().expect("the drawn code decodes");
        assert_eq!(text, transfer.payload());
        let back = EpcTransfer::parse_payload(&text).unwrap();
        assert_eq!(back.reference(), transfer.reference());
        assert_eq!(back.amount(), Money::from_cents(123_456));
        assert_eq!(back.iban().as_str(), "GR1601101250000000012300695");
        assert_eq!(back.bic().as_str(), "ETHNGRAA");
        assert_eq!(back.name(), "Δήμος Επίδειξης");
    }
}
