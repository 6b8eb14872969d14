//! Gapless counters: the next value is taken inside the caller's transaction, so a rolled
//! back transaction gives its number back and concurrent ones queue on the row.

/// Increments counter `name` and returns the new value (1 for a new counter).
pub async fn next_value(tx: &mut sqlx::AnyConnection, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO counters (name, value) VALUES ($1, 1) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
    )
    .bind(name)
    .fetch_one(tx)
    .await
}
