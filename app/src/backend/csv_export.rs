//! The one writer of every CSV the portal exports. Spreadsheets run a cell that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a payer named
//! `=HYPERLINK(…)` would act in a cashier's spreadsheet: text cells that start so get a
//! leading apostrophe. Numbers the portal writes itself stay numbers. The file starts with a
//! byte-order mark (spreadsheets then read Greek right); quoting is the csv crate's.

use std::borrow::Cow;

/// One cell of a row.
pub enum Cell<'a> {
    /// Text that may come from a person (names, addresses, references): neutralised.
    Text(&'a str),
    /// A number the portal formatted itself (`30.50`, `3`): written as it is.
    Number(String),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(text)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Cell<'a> {
        Cell::Text(text)
    }
}

/// Text a spreadsheet will show, never evaluate.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠') => {
            Cow::Owned(format!("'{text}"))
        }
        _ => Cow::Borrowed(text),
    }
}

pub struct CsvExport {
    out: csv::Writer<Vec<u8>>,
}

impl CsvExport {
    /// A file with its header row.
    pub fn new(header: &[&str]) -> Result<CsvExport, csv::Error> {
        let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        out.write_record(header)?;
        Ok(CsvExport { out })
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), csv::Error> {
        self.out.write_record(cells.iter().map(|cell| match cell {
            Cell::Text(text) => neutralise(text).into_owned().into_bytes(),
            Cell::Number(number) => number.clone().into_bytes(),
        }))
    }

    pub fn finish(self) -> Result<Vec<u8>, csv::Error> {
        self.out
            .into_inner()
            .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_in_text_are_neutralised_and_numbers_kept() {
        let mut file = CsvExport::new(&["name", "amount"]).unwrap();
        for name in ["=1+1", "+30", "-2", "@SUM(A1)", "\tx", "\rx", "Μαρία"] {
            file.row(&[Cell::Text(name), Cell::Number("-12.50".into())])
                .unwrap();
        }
        let text = String::from_utf8(file.finish().unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "name,amount");
        assert_eq!(lines[1], "'=1+1,-12.50");
        assert_eq!(lines[2], "'+30,-12.50");
        assert_eq!(lines[3], "'-2,-12.50");
        assert_eq!(lines[4], "'@SUM(A1),-12.50");
        assert_eq!(lines[5], "'\tx,-12.50");
        assert!(lines[6].starts_with("\"'\r"), "{:?}", lines[6]);
        assert_eq!(*lines.last().unwrap(), "Μαρία,-12.50");
    }
}
