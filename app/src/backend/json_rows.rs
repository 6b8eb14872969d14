//! Many rows in one statement as one JSON parameter: the engine reads the array itself
//! (SQLite's `json_each`, PostgreSQL's `jsonb_array_elements`), so a bulk statement binds
//! one value instead of one per cell — the cost that dominated statements of many rows.

use super::db::Engine;

/// A column of a JSON row, read by its position in the row's array.
#[derive(Clone, Copy, Debug)]
pub enum Col {
    Text(&'static str),
    Int(&'static str),
}

/// A subquery over parameter `$param` (a JSON array of arrays) with one named column per
/// cell: `FROM ({}) AS v` then `v.name`. Text cells read as text, numbers as BIGINT, JSON
/// `null` as NULL.
pub fn json_table(engine: Engine, param: usize, cols: &[Col]) -> String {
    let cells: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(at, col)| match (engine, col) {
            (_, Col::Text(name)) => format!("j.value ->> {at} AS {name}"),
            (Engine::Sqlite, Col::Int(name)) => format!("j.value ->> {at} AS {name}"),
            (Engine::Postgres, Col::Int(name)) => format!("(j.value ->> {at})::bigint AS {name}"),
        })
        .collect();
    format!(
        "SELECT {} FROM {}",
        cells.join(", "),
        elements(engine, param)
    )
}

/// A subquery of the texts in parameter `$param` (a JSON array of strings) as column
/// `value`, for `IN (…)` or a join.
pub fn json_texts(engine: Engine, param: usize) -> String {
    match engine {
        Engine::Sqlite => format!("SELECT value FROM json_each(${param})"),
        Engine::Postgres => format!("SELECT value FROM json_array_elements_text(${param}::json)"),
    }
}

fn elements(engine: Engine, param: usize) -> String {
    match engine {
        // Every reference to `json_each`'s `value` renders the row's array as text anew (so
        // once per column); read into a materialized table first, each row's text is made
        // once and parsed once, the engine's JSON cache knowing it again for each column.
        // A bulk statement of a dozen columns takes half the time (BENCHMARKS.md).
        Engine::Sqlite => format!(
            "(WITH rows_{param}(value) AS MATERIALIZED (SELECT value FROM json_each(${param})) \
             SELECT value FROM rows_{param}) AS j"
        ),
        // `jsonb`: a cell is found in the parsed row, where `json` scans the row's text for
        // each cell (a third of the time for a dozen columns).
        Engine::Postgres => format!("jsonb_array_elements(${param}::jsonb) AS j(value)"),
    }
}

/// An aggregate building one JSON text of every row: an array per row of `cells`, in
/// `order` (`[]` over no rows on both engines).
pub fn json_agg(engine: Engine, cells: &str, order: &str) -> String {
    match engine {
        Engine::Sqlite => format!("json_group_array(json_array({cells}) ORDER BY {order})"),
        Engine::Postgres => {
            format!("COALESCE(json_agg(json_build_array({cells}) ORDER BY {order})::text, '[]')")
        }
    }
}

/// The rows of a query whose one cell is a JSON array the engine built ([`json_agg`]),
/// each read as `T` (a tuple, by position): one hand-over from the database however many
/// rows, where a row each cost a wake-up of SQLite's thread.
pub async fn fetch_json_rows<T: serde::de::DeserializeOwned>(
    pool: &sqlx::AnyPool,
    sql: &str,
    param: &str,
) -> Result<Vec<T>, sqlx::Error> {
    let json: String = sqlx::query_scalar(sql).bind(param).fetch_one(pool).await?;
    serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// `rows` as the JSON text [`json_table`] reads (each row a tuple, serialized as an array).
pub fn to_json<T: serde::Serialize>(rows: &T) -> String {
    // Serializing strings, numbers and options into a String cannot fail.
    serde_json::to_string(rows).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_reads_cells_by_position() {
        let cols = [Col::Text("id"), Col::Int("cents")];
        assert_eq!(
            json_table(Engine::Sqlite, 2, &cols),
            "SELECT j.value ->> 0 AS id, j.value ->> 1 AS cents FROM (WITH rows_2(value) AS \
             MATERIALIZED (SELECT value FROM json_each($2)) SELECT value FROM rows_2) AS j"
        );
        assert_eq!(
            json_table(Engine::Postgres, 1, &cols),
            "SELECT j.value ->> 0 AS id, (j.value ->> 1)::bigint AS cents \
             FROM jsonb_array_elements($1::jsonb) AS j(value)"
        );
        assert_eq!(
            to_json(&vec![("a\"b", 5_i64, None::<&str>)]),
            r#"[["a\"b",5,null]]"#
        );
    }
}
