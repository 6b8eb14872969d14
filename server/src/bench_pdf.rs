//! `dimos bench-notice-pdf`: notice PDFs typeset per second on one core, beside the
//! receipt's PDF in the same run (the reference), and each notice's size by its number of
//! debts (a notice is e-mailed: it should stay under 60 KB).

use app::backend::notice_pdf::{notice_pdf, NoticeIssuer};
use app::backend::notices::{epc_transfer, NoticeSettings};
use app::backend::receipt_pdf::{receipt_pdf, Issuer};
use app::domain::notice::{NoticeKind, NoticeShown};
use app::domain::receipt_code::ReceiptCode;
use app::domain::{Lang, Money, RfReference};
use app::views::notices::{NoticeDoc, NoticeLine, NoticeRow};
use app::views::payments::{Description, ReceiptDoc};
use std::time::Instant;

pub struct PdfBench {
    pub count: usize,
    pub notices_per_second: f64,
    pub receipts_per_second: f64,
    /// (debts on the notice, bytes).
    pub sizes: Vec<(usize, usize)>,
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// A notice of `debts` debts as a debtor's would look: Greek text, long descriptions.
fn notice(settings: &NoticeSettings, debts: usize) -> NoticeDoc {
    let rf = settings
        .layout
        .rf(NoticeKind::Debts, 1_234_567)
        .unwrap_or_else(|_| RfReference::create("2348231").unwrap_or_else(|_| unreachable!()));
    NoticeDoc {
        row: NoticeRow {
            id: "bench".into(),
            number: Some(1_234_567),
            kind: NoticeKind::Debts,
            rf: rf.grouped(),
            issued_on: "2026-12-06".into(),
            pay_by: "2027-01-05".into(),
            amount: Money::from_cents(10_657 * debts as i64),
            shown: NoticeShown::Open,
            paid_by: None,
            receipt: None,
        },
        debtor_name: "Καφέ Πλατεία Ο.Ε.".into(),
        afm: "090000045".into(),
        lines: (0..debts)
            .map(|i| NoticeLine {
                reference: Some(format!("ΤΑΠ-2025-{i:05}")),
                category_el: "Τέλος ακίνητης περιουσίας (ΤΑΠ)".into(),
                category_en: "Property fee (TAP)".into(),
                description: "ΤΑΠ 2025, ακίνητο Αριστοτέλους 5, Θεσσαλονίκη".into(),
                due_date: "2025-06-30".into(),
                principal: Money::from_cents(10_000),
                interest: Money::from_cents(657),
                amount: Money::from_cents(10_657),
            })
            .collect(),
        payee: settings.payee(),
        qr: Some(app::views::notices::QrDrawing {
            size: 0,
            path: String::new(),
        }),
    }
}

fn receipt() -> ReceiptDoc {
    ReceiptDoc {
        number: "1234/2026".into(),
        issued_at_ms: 1_796_000_000_000,
        payment_id: "bench".into(),
        payer_name: Some("Μαρία Παπαδοπούλου".into()),
        payer_email: Some("maria@example.gr".into()),
        purpose_kind: app::domain::payment::PurposeKind::Debts,
        purpose: Description::new(
            "Οφειλές ΑΦΜ 090000045: ΤΑΠ-2025-00001 · ΤΑΠ · 106,57 €",
            "Debts of VAT no. 090000045: ΤΑΠ-2025-00001 · TAP · €106.57",
        ),
        amount: Money::from_cents(10_657),
        method: app::domain::payment::PaymentMethod::Card,
        provider_ref: Some("SBX-1".into()),
        code: ReceiptCode::from_random(0x2_3456_789a_bcde),
        refunds: Vec::new(),
    }
}

/// Typesets `count` notices of five debts, then `count` receipts, on this thread.
pub fn bench_notice_pdf(count: usize) -> Result<PdfBench, Failure> {
    let settings = NoticeSettings::demo("Δήμος Επίδειξης");
    let issuer = NoticeIssuer {
        name: "Δήμος Επίδειξης",
        address: "Πλατεία Δημαρχείου 1, 54000 Δήμος Επίδειξης",
    };
    let make = |debts: usize| -> Result<Vec<u8>, Failure> {
        let doc = notice(&settings, debts);
        let transfer = epc_transfer(&settings, &doc.row.rf, doc.row.amount)
            .ok_or("the bench notice has no EPC transfer")?;
        let code = app::backend::qr::epc_code(&transfer).map_err(|_| "QR")?;
        Ok(notice_pdf(&doc, &issuer, Some(&code), Lang::El)?)
    };
    let sizes = [1, 5, 20, 60]
        .into_iter()
        .map(|debts| make(debts).map(|pdf| (debts, pdf.len())))
        .collect::<Result<Vec<_>, _>>()?;
    let started = Instant::now();
    for _ in 0..count {
        make(5)?;
    }
    let notices = started.elapsed().as_secs_f64();
    let receipt = receipt();
    let receipt_issuer = Issuer {
        name: "Δήμος Επίδειξης",
        afm: "090000045",
        address: "Πλατεία Δημαρχείου 1, 54000 Δήμος Επίδειξης",
        check_url: "http://127.0.0.1:3000/check/23456789AB",
    };
    let started = Instant::now();
    for _ in 0..count {
        receipt_pdf(&receipt, &receipt_issuer, Lang::El)?;
    }
    let receipts = started.elapsed().as_secs_f64();
    Ok(PdfBench {
        count,
        notices_per_second: count as f64 / notices,
        receipts_per_second: count as f64 / receipts,
        sizes,
    })
}
