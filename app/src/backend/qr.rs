//! QR codes the portal prints: the receipt's check link and a notice's EPC payment code, in
//! byte mode (Greek stays UTF-8; automatic modes garble it in some readers).

use crate::domain::epc::EpcTransfer;
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// Why a text got no code: longer than the code of its kind holds.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLongForQr;

/// The text as one byte-mode segment, at exactly `ecc` (not raised when there is room, so
/// the printed size is predictable), no larger than `max_version`.
fn byte_code(text: &str, ecc: QrCodeEcc, max_version: u8) -> Result<QrCode, TooLongForQr> {
    let segments = [QrSegment::make_bytes(text.as_bytes())];
    QrCode::encode_segments_advanced(
        &segments,
        ecc,
        Version::MIN,
        Version::new(max_version),
        None,
        false,
    )
    .map_err(|_| TooLongForQr)
}

/// The receipt's check link.
pub fn check_link_code(url: &str) -> Result<QrCode, TooLongForQr> {
    byte_code(url, QrCodeEcc::Medium, Version::MAX.value())
}

/// The EPC code of a credit transfer: error correction M, version 13 at most (EPC069-12).
/// An `EpcTransfer` always fits (its payload is at most 331 bytes).
pub fn epc_code(transfer: &EpcTransfer) -> Result<QrCode, TooLongForQr> {
    byte_code(&transfer.payload(), QrCodeEcc::Medium, 13)
}

/// A run of dark modules in one row: column, row and length, in modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DarkRun {
    pub column: i32,
    pub row: i32,
    pub length: i32,
}

/// The code's dark modules as runs along each row: what every drawing of it (the PDF's
/// rectangles, the page's SVG path) is made of.
pub fn dark_runs(code: &QrCode) -> Vec<DarkRun> {
    let size = code.size();
    let mut runs = Vec::new();
    for row in 0..size {
        let mut column = 0;
        while column < size {
            let start = column;
            while column < size && code.get_module(column, row) {
                column += 1;
            }
            if column == start {
                column += 1;
            } else {
                runs.push(DarkRun {
                    column: start,
                    row,
                    length: column - start,
                });
            }
        }
    }
    runs
}

/// SVG path data of the dark modules, one unit a module, offset by a quiet zone of four.
pub fn svg_path(code: &QrCode) -> String {
    use std::fmt::Write;
    let mut path = String::new();
    for run in dark_runs(code) {
        let _ = write!(
            path,
            "M{} {}h{}v1h-{}z",
            run.column + 4,
            run.row + 4,
            run.length,
            run.length
        );
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::epc::{Bic, Iban};
    use crate::domain::{Money, RfReference};

    /// What a phone's camera reads: the code drawn `scale` pixels a module with a quiet
    /// zone of four modules, decoded by a QR reader that shares no code with the encoder.
    fn scan(code: &QrCode, scale: i32) -> String {
        let quiet = 4;
        let side = (code.size() + 2 * quiet) * scale;
        let side = side as usize;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x as i32 / scale - quiet, y as i32 / scale - quiet);
            if code.get_module(mx, my) {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        let (_, text) = grids[0].decode().expect("the code decodes");
        text
    }

    fn transfer(name: &str, cents: i64, note: &str) -> EpcTransfer {
        EpcTransfer::new(
            Bic::parse("ETHNGRAA").unwrap(),
            name,
            Iban::parse("GR1601101250000000012300695").unwrap(),
            Money::from_cents(cents),
            RfReference::create("5301100001234").unwrap(),
            note,
        )
        .unwrap()
    }

    #[test]
    fn the_printed_epc_code_reads_back_to_every_field() {
        for sent in [
            transfer("Δήμος Δοκιμής", 123_456, ""),
            transfer(&"Δ".repeat(70), 99_999_999_999, "Ειδοποιητήριο 1234"),
            transfer("Municipality of Test", 1, ""),
        ] {
            let code = epc_code(&sent).unwrap();
            assert!(code.version().value() <= 13);
            assert_eq!(code.error_correction_level(), QrCodeEcc::Medium);
            let text = scan(&code, 3);
            assert_eq!(text, sent.payload());
            let read = EpcTransfer::parse_payload(&text).unwrap();
            assert_eq!(read, sent);
            assert_eq!(read.iban().as_str(), "GR1601101250000000012300695");
            assert_eq!(read.bic().as_str(), "ETHNGRAA");
            assert_eq!(read.reference(), sent.reference());
            assert_eq!(read.amount(), sent.amount());
            assert_eq!(read.name(), sent.name());
        }
    }

    #[test]
    fn the_check_link_code_reads_back() {
        let url = "https://dimos.example.gr/check/ABCD-EFGH-JKLM";
        assert_eq!(scan(&check_link_code(url).unwrap(), 3), url);
        assert!(matches!(
            check_link_code(&"x".repeat(3000)),
            Err(TooLongForQr)
        ));
    }
}
