//! Gapless counters: the next value is taken inside the caller's transaction, so a rolled
//! back transaction gives its number back and concurrent ones queue on the row.

/// Takes a block of `n` values of counter `name` (`n` ≥ 1) and returns the first: the
/// block is `first..first + n`.
pub async fn next_values(
    tx: &mut sqlx::AnyConnection,
    name: &str,
    n: i64,
) -> Result<i64, sqlx::Error> {
    let last: i64 = sqlx::query_scalar(
        "INSERT INTO counters (name, value) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + $2 RETURNING value",
    )
    .bind(name)
    .bind(n)
    .fetch_one(tx)
    .await?;
    Ok(last - n + 1)
}

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
