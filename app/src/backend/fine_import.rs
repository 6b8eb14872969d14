//! Import of issued tickets from the municipal police's CSV export. Columns (header row
//! required, in any order): `ticket_number, municipality_code, ticket_type, plate,
//! date (YYYY-MM-DD), time (HH:MM), location, officer, amount_eur`. Each bad row is
//! reported with its line number and reason and left out whole; the good rows go in, in
//! one transaction, in batches.

use super::csv_import::{read_csv, Columns, Row, RowError};
use super::{now_ms, Db};
use crate::domain::fine::{Source, TicketNumber, TimeOfDay};
use crate::domain::import::ProblemReason;
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::{Money, Plate};
use crate::views::imports::{ImportProblem, ImportView};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

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
    if citizen.principal != police.principal {
        fields.push("amount");
    }
    fields
}

/// A ticket already in the registry with the number of an imported row.
#[derive(sqlx::FromRow)]
struct ExistingTicket {
    id: String,
    ticket_number: String,
    source: Source,
    type_code: String,
    plate: String,
    offence_date: String,
    offence_time: String,
    #[sqlx(rename = "principal_cents")]
    principal: Money,
    paid_by: Option<String>,
}

/// The columns of the police's export (`location` and `officer` may be left out).
const REQUIRED: [&str; 7] = [
    "ticket_number",
    "municipality_code",
    "ticket_type",
    "plate",
    "date",
    "time",
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
    #[serde(rename = "principal_cents", serialize_with = "cents")]
    principal: Money,
}

/// The police record keeps amounts as cents, as the registry does.
fn cents<S: serde::Serializer>(amount: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(amount.cents())
}

/// Ticket numbers per duplicate check (`IN (…)`).
const CHECK_BATCH: usize = 100;
/// Rows per INSERT statement (9 values each). Measured on 100,000 rows: sqlx's cost per
/// statement grows faster than its placeholders, so 40 rows (1.6 s on SQLite) beat 100
/// (2.4 s), 400 (4.6 s) and 3,000 (27 s).
const INSERT_BATCH: usize = 40;

impl Db {
    /// Imports `csv_text` for the municipality `own_code`; the catalogue names the known types.
    #[tracing::instrument(skip_all)]
    pub async fn import_fines(
        &self,
        csv_text: &str,
        own_code: &str,
        file_name: &str,
        actor_id: Option<&str>,
    ) -> Result<ImportView, sqlx::Error> {
        let known_types: HashSet<String> =
            sqlx::query_scalar("SELECT DISTINCT code FROM fine_types")
                .fetch_all(self.pool())
                .await?
                .into_iter()
                .collect();
        let today = super::fines::today();
        let started = std::time::Instant::now();
        let columns = Columns {
            required: &REQUIRED,
            key: "ticket_number",
        };
        let parsed = read_csv(csv_text, columns, |row| {
            parse_ticket(row, own_code, &known_types, today)
        });
        let mut problems = parsed.problems;
        let tickets: Vec<(u64, Ticket)> = parsed
            .rows
            .into_iter()
            .map(|(line, _, ticket)| (line, ticket))
            .collect();
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
                Some(citizen) if citizen.source == Source::Citizen => {
                    reconcile.push((line, citizen, ticket))
                }
                Some(_) => problems.push(ImportProblem {
                    line,
                    key: ticket.number.clone(),
                    reason: ProblemReason::Duplicate,
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
        problems: Vec<ImportProblem>,
    ) -> Result<ImportView, sqlx::Error> {
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
            .bind(police.principal)
            .bind(&police.type_code)
            .bind(&police.plate)
            .bind(&police.date)
            .bind(&police.time)
            .bind(now)
            .bind(&citizen.id)
            .execute(&mut *tx)
            .await?;
            reconciled.push(ImportProblem {
                line,
                key: police.number.clone(),
                reason: if differs.is_empty() {
                    ProblemReason::Reconciled
                } else {
                    ProblemReason::Differs
                },
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
                    .bind(ticket.principal);
            }
            query.execute(&mut *tx).await?;
        }
        let report = ImportView {
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

/// One row of the police's export, checked field by field.
fn parse_ticket(
    row: &Row<'_>,
    own_code: &str,
    known_types: &HashSet<String>,
    today: Date,
) -> Result<Ticket, RowError> {
    let bad = |reason: ProblemReason, value: &str| (reason, value.to_owned());
    let number = TicketNumber::parse(row.field("ticket_number"))
        .map_err(|_| bad(ProblemReason::TicketNumber, row.field("ticket_number")))?;
    let code = row.field("municipality_code");
    if code != own_code {
        return Err(bad(ProblemReason::Municipality, code));
    }
    let type_code = row.field("ticket_type").to_uppercase();
    if !known_types.contains(&type_code) {
        return Err((ProblemReason::Type, type_code));
    }
    let plate = Plate::parse(row.field("plate"))
        .map_err(|_| bad(ProblemReason::Plate, row.field("plate")))?;
    let date = parse_iso_date(row.field("date"))
        .ok_or_else(|| bad(ProblemReason::Date, row.field("date")))?;
    if date > today {
        return Err(bad(ProblemReason::FutureDate, row.field("date")));
    }
    let time = TimeOfDay::parse(row.field("time"))
        .ok_or_else(|| bad(ProblemReason::Time, row.field("time")))?;
    let amount = row.field("amount_eur");
    if amount.trim_start().starts_with('-') {
        return Err(bad(ProblemReason::NegativeAmount, amount));
    }
    let principal = Money::parse(amount)
        .ok()
        .filter(|money| money.cents() > 0)
        .ok_or_else(|| bad(ProblemReason::Amount, amount))?;
    Ok(Ticket {
        number: number.as_str().to_owned(),
        type_code,
        plate: plate.as_str().to_owned(),
        date: date.iso(),
        time: time.hh_mm(),
        location: row.field("location").to_owned(),
        officer: row.field("officer").to_owned(),
        principal,
    })
}

impl Db {
    /// A kept report of a tickets import.
    pub async fn fine_import(&self, id: &str) -> Result<Option<ImportView>, sqlx::Error> {
        let row: Option<(i64, String, Option<String>)> =
            sqlx::query_as("SELECT imported, report, reconciled FROM fine_imports WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(imported, report, reconciled)| ImportView {
            id: id.to_owned(),
            imported: u64::try_from(imported).unwrap_or(0),
            problems: serde_json::from_str(&report).unwrap_or_default(),
            reconciled: reconciled
                .and_then(|r| serde_json::from_str(&r).ok())
                .unwrap_or_default(),
        }))
    }
}
