//! The skeleton of every CSV import: a header row naming the columns (in any order, any
//! case), each row parsed by the import's own function into its record or a reason, rows
//! with a key seen earlier in the file refused as duplicates, and every bad row reported
//! with its line. What is done with the good rows is the import's business.

use crate::domain::import::ProblemReason;
use crate::views::imports::ImportProblem;
use std::collections::{HashMap, HashSet};

/// One row of the file, its fields found by column name.
pub struct Row<'a> {
    header: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The field of `column`, trimmed; empty when the column or the field is missing.
    pub fn field(&self, column: &str) -> &str {
        self.header
            .get(column)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }
}

/// Why a row could not be read: the reason and the offending value.
pub type RowError = (ProblemReason, String);

/// The rows read, in file order with their line and key, and every row left out.
pub struct Parsed<T> {
    pub rows: Vec<(u64, String, T)>,
    pub problems: Vec<ImportProblem>,
}

/// The file's expected columns: `required` must all be in the header, `key` names the row.
pub struct Columns<'a> {
    pub required: &'a [&'a str],
    pub key: &'a str,
}

/// Reads `text` (a UTF-8 CSV, byte-order mark allowed) with `parse` for each row.
pub fn read_csv<T>(
    text: &str,
    columns: Columns<'_>,
    parse: impl FnMut(&Row<'_>) -> Result<T, RowError>,
) -> Parsed<T> {
    let mut rows = Vec::new();
    let problems = read_csv_each(text, columns, parse, |line, key, value| {
        rows.push((line, key, value));
        true
    });
    Parsed { rows, problems }
}

/// Reads `text` as `read_csv` does, handing each good row to `each` as soon as it is read
/// (a large import writes while it parses); `each` answers false to stop reading. Returns
/// the rows left out.
pub fn read_csv_each<T>(
    text: &str,
    columns: Columns<'_>,
    mut parse: impl FnMut(&Row<'_>) -> Result<T, RowError>,
    mut each: impl FnMut(u64, String, T) -> bool,
) -> Vec<ImportProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: HashMap<String, usize> = reader
        .headers()
        .map(|h| {
            h.iter()
                .enumerate()
                .map(|(i, name)| (name.to_lowercase(), i))
                .collect()
        })
        .unwrap_or_default();
    let mut problems = Vec::new();
    let missing: Vec<&str> = columns
        .required
        .iter()
        .copied()
        .filter(|c| !header.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        problems.push(ImportProblem {
            line: 1,
            key: String::new(),
            reason: ProblemReason::Columns,
            detail: missing.join(", "),
        });
        return problems;
    }
    let mut seen: HashSet<String> = HashSet::new();
    // One record reused for every row: no allocation a row for the fields themselves.
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                problems.push(ImportProblem {
                    line: error.position().map(|p| p.line()).unwrap_or(0),
                    key: String::new(),
                    reason: ProblemReason::Columns,
                    detail: String::new(),
                });
                // A row the reader cannot take (bad UTF-8, say) ends where the next begins.
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let row = Row {
            header: &header,
            record: &record,
        };
        let key = row.field(columns.key).to_owned();
        match parse(&row) {
            Err((reason, detail)) => problems.push(ImportProblem {
                line,
                key,
                reason,
                detail,
            }),
            Ok(_) if seen.contains(&key) => problems.push(ImportProblem {
                line,
                key: key.clone(),
                reason: ProblemReason::Duplicate,
                detail: key,
            }),
            Ok(value) => {
                seen.insert(key.clone());
                if !each(line, key, value) {
                    break;
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(row: &Row<'_>) -> Result<i64, RowError> {
        row.field("amount")
            .parse()
            .map_err(|_| (ProblemReason::Amount, row.field("amount").to_owned()))
    }

    #[test]
    fn rows_are_read_by_column_name_and_bad_ones_reported_by_line() {
        let text = "\u{feff}Key,AMOUNT\na,1\nb,x\na,3\n\"c\",4,extra\n";
        let columns = Columns {
            required: &["key", "amount"],
            key: "key",
        };
        let parsed = read_csv(text, columns, number);
        let rows: Vec<(u64, &str, i64)> = parsed
            .rows
            .iter()
            .map(|(l, k, v)| (*l, k.as_str(), *v))
            .collect();
        assert_eq!(rows, vec![(2, "a", 1), (5, "c", 4)]);
        let problems: Vec<(u64, &str, ProblemReason)> = parsed
            .problems
            .iter()
            .map(|p| (p.line, p.key.as_str(), p.reason))
            .collect();
        assert_eq!(
            problems,
            vec![
                (3, "b", ProblemReason::Amount),
                (4, "a", ProblemReason::Duplicate)
            ]
        );
    }

    #[test]
    fn rows_are_handed_over_as_read_and_reading_stops_when_asked() {
        let text = "key,amount\na,1\nb,x\nc,3\nd,4\n";
        let columns = || Columns {
            required: &["key", "amount"],
            key: "key",
        };
        let mut handed = Vec::new();
        let problems = read_csv_each(text, columns(), number, |line, key, value| {
            handed.push((line, key, value));
            true
        });
        let whole = read_csv(text, columns(), number);
        assert_eq!(handed, whole.rows);
        assert_eq!(problems, whole.problems);
        // A writer that has failed stops the parser: nothing after it is read or reported.
        let mut seen = Vec::new();
        let problems = read_csv_each(text, columns(), number, |_, key, _| {
            seen.push(key);
            false
        });
        assert_eq!(seen, vec!["a".to_owned()]);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_missing_column_is_named_and_nothing_is_read() {
        let columns = Columns {
            required: &["key", "amount"],
            key: "key",
        };
        let parsed = read_csv("key\na\n", columns, number);
        assert!(parsed.rows.is_empty());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].reason, ProblemReason::Columns);
        assert_eq!(parsed.problems[0].detail, "amount");
    }
}
