//! Import of issued tickets from the municipal police's CSV export. Columns (header row
//! required, in any order): `ticket_number, municipality_code, ticket_type, plate,
//! date (YYYY-MM-DD), time (HH:MM), location, officer, amount_eur`. Each bad row is
//! reported with its line number and reason and left out whole; the good rows go in, in
//! one transaction, in batches.

use super::{now_ms, Db};
use crate::domain::fine::{TicketNumber, TimeOfDay};
use crate::domain::time::parse_iso_date;
use crate::domain::{Money, Plate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Why a row was left out. `detail` carries the offending value where one helps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub ticket_number: String,
    /// `columns`, `ticket_number`, `duplicate`, `municipality`, `type`, `plate`, `date`,
    /// `future_date`, `time`, `amount`, `negative_amount`.
    pub reason: String,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub id: String,
    pub imported: u64,
    pub problems: Vec<RowProblem>,
    /// Rows that matched a ticket a citizen had registered first: the police's record was
    /// kept on that ticket (`reason` `reconciled`, or `differs` with the differing fields
    /// in `detail`, flagged for staff review).
    pub reconciled: Vec<RowProblem>,
}

/// What differs between a citizen-registered ticket and the police's record of it.
fn differences(citizen: &ExistingTicket, police: &Ticket) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if citizen.type_code != police.type_code {
        fields.push("type");
    }
    if citizen.plate != police.plate {
        fields.push("plate");
    }
    if citizen.offence_date != police.date {
        fields.push("date");
    }
    if citizen.offence_time != police.time {
        fields.push("time");
    }
    if citizen.principal_cents != police.principal_cents {
        fields.push("amount");
    }
    fields
}

/// A ticket already in the registry with the number of an imported row.
#[derive(sqlx::FromRow)]
struct ExistingTicket {
    id: String,
    ticket_number: String,
    source: String,
    type_code: String,
    plate: String,
    offence_date: String,
    offence_time: String,
    principal_cents: i64,
    paid_by: Option<String>,
}

const COLUMNS: [&str; 9] = [
    "ticket_number",
    "municipality_code",
    "ticket_type",
    "plate",
    "date",
    "time",
    "location",
    "officer",
    "amount_eur",
];

/// A row ready to insert.
#[derive(Serialize)]
struct Ticket {
    number: String,
    type_code: String,
    plate: String,
    date: String,
    time: String,
    location: String,
    officer: String,
    principal_cents: i64,
}

/// Ticket numbers per duplicate check (`IN (…)`).
const CHECK_BATCH: usize = 100;
/// Rows per INSERT statement (9 values each). Measured on 100,000 rows: sqlx's cost per
/// statement grows faster than its placeholders, so 40 rows (1.6 s on SQLite) beat 100
/// (2.4 s), 400 (4.6 s) and 3,000 (27 s).
const INSERT_BATCH: usize = 40;

impl Db {
    /// Imports `csv_text` for the municipality `own_code`; the catalogue names the known types.
    pub async fn import_fines(
        &self,
        csv_text: &str,
        own_code: &str,
        file_name: &str,
        actor_id: Option<&str>,
    ) -> Result<ImportReport, sqlx::Error> {
        let known_types: HashSet<String> =
            sqlx::query_scalar("SELECT DISTINCT code FROM fine_types")
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .collect();
        let today = super::fines::today();
        let started = std::time::Instant::now();
        let mut problems = Vec::new();
        let mut tickets: Vec<(u64, Ticket)> = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let header: HashMap<String, usize> = match reader.headers() {
            Ok(h) => h
                .iter()
                .enumerate()
                .map(|(i, name)| (name.to_lowercase(), i))
                .collect(),
            Err(_) => HashMap::new(),
        };
        let missing: Vec<&str> = COLUMNS
            .iter()
            .copied()
            .filter(|c| !header.contains_key(*c) && !matches!(*c, "location" | "officer"))
            .collect();
        if !missing.is_empty() {
            problems.push(RowProblem {
                line: 1,
                ticket_number: String::new(),
                reason: "columns".into(),
                detail: missing.join(", "),
            });
            return self
                .record_import(
                    own_code,
                    file_name,
                    actor_id,
                    Vec::new(),
                    Vec::new(),
                    problems,
                )
                .await;
        }
        let mut seen: HashSet<String> = HashSet::new();
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    let line = error.position().map(|p| p.line()).unwrap_or(0);
                    problems.push(RowProblem {
                        line,
                        ticket_number: String::new(),
                        reason: "columns".into(),
                        detail: String::new(),
                    });
                    continue;
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let field = |name: &str| {
                header
                    .get(name)
                    .and_then(|&i| record.get(i))
                    .unwrap_or("")
                    .to_owned()
            };
            let number_text = field("ticket_number");
            let mut problem = |reason: &str, detail: String| {
                problems.push(RowProblem {
                    line,
                    ticket_number: number_text.clone(),
                    reason: reason.into(),
                    detail,
                });
            };
            let Ok(number) = TicketNumber::parse(&number_text) else {
                problem("ticket_number", number_text.clone());
                continue;
            };
            let code = field("municipality_code");
            if code != own_code {
                problem("municipality", code);
                continue;
            }
            let type_code = field("ticket_type").to_uppercase();
            if !known_types.contains(&type_code) {
                problem("type", type_code);
                continue;
            }
            let plate = match Plate::parse(&field("plate")) {
                Ok(plate) => plate,
                Err(_) => {
                    problem("plate", field("plate"));
                    continue;
                }
            };
            let Some(date) = parse_iso_date(&field("date")) else {
                problem("date", field("date"));
                continue;
            };
            if date > today {
                problem("future_date", field("date"));
                continue;
            }
            let Some(time) = TimeOfDay::parse(&field("time")) else {
                problem("time", field("time"));
                continue;
            };
            let amount_text = field("amount_eur");
            if amount_text.trim_start().starts_with('-') {
                problem("negative_amount", amount_text);
                continue;
            }
            let principal = match Money::parse(&amount_text) {
                Ok(money) if money.cents() > 0 => money,
                _ => {
                    problem("amount", amount_text);
                    continue;
                }
            };
            if !seen.insert(number.as_str().to_owned()) {
                problem("duplicate", number.as_str().to_owned());
                continue;
            }
            tickets.push((
                line,
                Ticket {
                    number: number.as_str().to_owned(),
                    type_code,
                    plate: plate.as_str().to_owned(),
                    date: date.iso(),
                    time: time.hh_mm(),
                    location: field("location"),
                    officer: field("officer"),
                    principal_cents: principal.cents(),
                },
            ));
        }
        let parsed_ms = started.elapsed().as_millis();
        // Tickets already in the registry: imported ones are duplicates; ones a citizen
        // registered first are reconciled with the police's record.
        let mut existing: HashMap<String, ExistingTicket> = HashMap::new();
        for chunk in tickets.chunks(CHECK_BATCH) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT id, ticket_number, source, type_code, plate, offence_date, offence_time, \
                 principal_cents, paid_by FROM fines WHERE ticket_number IN ({})",
                placeholders.join(", ")
            );
            let mut query = sqlx::query_as::<_, ExistingTicket>(&sql);
            for (_, ticket) in chunk {
                query = query.bind(&ticket.number);
            }
            for found in query.fetch_all(self.pool()).await? {
                existing.insert(found.ticket_number.clone(), found);
            }
        }
        let mut good = Vec::with_capacity(tickets.len());
        let mut reconcile = Vec::new();
        for (line, ticket) in tickets {
            match existing.remove(&ticket.number) {
                None => good.push(ticket),
                Some(citizen) if citizen.source == "citizen" => {
                    reconcile.push((line, citizen, ticket))
                }
                Some(_) => problems.push(RowProblem {
                    line,
                    ticket_number: ticket.number.clone(),
                    reason: "duplicate".into(),
                    detail: ticket.number,
                }),
            }
        }
        problems.sort_by_key(|p| p.line);
        tracing::info!(
            rows = good.len(),
            parsed_ms,
            checked_ms = started.elapsed().as_millis(),
            "fines import: rows read and checked"
        );
        self.record_import(own_code, file_name, actor_id, good, reconcile, problems)
            .await
    }

    async fn record_import(
        &self,
        own_code: &str,
        file_name: &str,
        actor_id: Option<&str>,
        good: Vec<Ticket>,
        reconcile: Vec<(u64, ExistingTicket, Ticket)>,
        problems: Vec<RowProblem>,
    ) -> Result<ImportReport, sqlx::Error> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        let mut tx = self.begin().await?;
        let mut reconciled = Vec::with_capacity(reconcile.len());
        for (line, citizen, police) in reconcile {
            let differs = differences(&citizen, &police);
            // The police's record is authoritative and kept whole; an unpaid ticket takes
            // its amount and details, a paid one keeps what was paid. Any difference goes
            // to staff review.
            let unpaid = citizen.paid_by.is_none();
            sqlx::query(
                "UPDATE fines SET source = 'import', location = $1, officer = $2, police_record = $3, \
                 discrepancy = $4, \
                 review = CASE WHEN $5 = 1 THEN 'pending' WHEN review = 'pending' THEN 'confirmed' ELSE review END, \
                 principal_cents = CASE WHEN $6 = 1 THEN $7 ELSE principal_cents END, \
                 type_code = CASE WHEN $6 = 1 THEN $8 ELSE type_code END, \
                 plate = CASE WHEN $6 = 1 THEN $9 ELSE plate END, \
                 offence_date = CASE WHEN $6 = 1 THEN $10 ELSE offence_date END, \
                 offence_time = CASE WHEN $6 = 1 THEN $11 ELSE offence_time END, \
                 updated_at_ms = $12 WHERE id = $13",
            )
            .bind(&police.location)
            .bind(&police.officer)
            .bind(serde_json::to_string(&police).unwrap_or_default())
            .bind((!differs.is_empty()).then(|| differs.join(",")))
            .bind(i64::from(!differs.is_empty()))
            .bind(i64::from(unpaid))
            .bind(police.principal_cents)
            .bind(&police.type_code)
            .bind(&police.plate)
            .bind(&police.date)
            .bind(&police.time)
            .bind(now)
            .bind(&citizen.id)
            .execute(&mut *tx)
            .await?;
            reconciled.push(RowProblem {
                line,
                ticket_number: police.number.clone(),
                reason: if differs.is_empty() {
                    "reconciled"
                } else {
                    "differs"
                }
                .into(),
                detail: differs.join(", "),
            });
        }
        for chunk in good.chunks(INSERT_BATCH) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let b = 2 + r * 9;
                    let p: Vec<String> = (1..=9).map(|i| format!("${}", b + i)).collect();
                    format!(
                        "({}, {}, $1, {}, {}, {}, {}, {}, {}, {}, 'import', 'none', $2, $2)",
                        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO fines (id, ticket_number, municipality_code, type_code, plate, \
                 offence_date, offence_time, location, officer, principal_cents, source, review, \
                 created_at_ms, updated_at_ms) VALUES {}",
                rows.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(own_code).bind(now);
            for ticket in chunk {
                query = query
                    // Time-ordered but unguessable (74 random bits): ordered keys insert
                    // fast into the index, and no ticket can be read by counting.
                    .bind(uuid::Uuid::now_v7().to_string())
                    .bind(&ticket.number)
                    .bind(&ticket.type_code)
                    .bind(&ticket.plate)
                    .bind(&ticket.date)
                    .bind(&ticket.time)
                    .bind(&ticket.location)
                    .bind(&ticket.officer)
                    .bind(ticket.principal_cents);
            }
            query.execute(&mut *tx).await?;
        }
        let report = ImportReport {
            id: id.clone(),
            imported: (good.len() + reconciled.len()) as u64,
            problems,
            reconciled,
        };
        sqlx::query(
            "INSERT INTO fine_imports (id, actor_id, at_ms, file_name, imported, rejected, report, \
             reconciled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(actor_id)
        .bind(now)
        .bind(file_name)
        .bind(report.imported as i64)
        .bind(report.problems.len() as i64)
        .bind(serde_json::to_string(&report.problems).unwrap_or_default())
        .bind(serde_json::to_string(&report.reconciled).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
        let actor = match actor_id {
            Some(id) => super::audit::Actor::User(id.to_owned()),
            None => super::audit::Actor::Cli,
        };
        let detail = format!(
            "{file_name}: {} imported ({} reconciled), {} rejected",
            report.imported,
            report.reconciled.len(),
            report.problems.len()
        );
        self.audit(&mut *tx, &actor, "fines.imported", Some(&id), Some(&detail))
            .await?;
        tx.commit().await?;
        Ok(report)
    }
}
