//! One builder of the `WHERE` clauses of the staff's filtered lists (payments, submissions,
//! declarations): each condition added with its value, `?` numbered as `$n` in bind order,
//! values bound in that same order.

use sqlx::any::{Any, AnyArguments};
use sqlx::query::{QueryAs, QueryScalar};

/// A value to bind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Int(i64),
}

#[derive(Clone, Debug, Default)]
pub struct Where {
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    pub fn new() -> Where {
        Where::default()
    }

    /// Adds a condition with no value (`protocol_state = 'awaiting'`).
    pub fn sql(&mut self, condition: &str) {
        self.conditions.push(condition.to_owned());
    }

    /// Adds a condition whose one `?` takes `value`.
    pub fn text(&mut self, condition: &str, value: impl Into<String>) {
        self.push(condition, Value::Text(value.into()));
    }

    /// Adds a condition whose one `?` takes `value`.
    pub fn int(&mut self, condition: &str, value: i64) {
        self.push(condition, Value::Int(value));
    }

    fn push(&mut self, condition: &str, value: Value) {
        self.values.push(value);
        self.conditions
            .push(condition.replace('?', &format!("${}", self.values.len())));
    }

    /// The placeholder the next value would take: for `LIMIT`/`OFFSET` after the filter.
    pub fn next_placeholder(&self) -> String {
        format!("${}", self.values.len() + 1)
    }

    /// `WHERE …` (empty when nothing filters).
    pub fn clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }

    /// The conditions joined by `AND` (`1 = 1` when nothing filters), to extend by hand.
    pub fn conditions(&self) -> String {
        if self.conditions.is_empty() {
            "1 = 1".to_owned()
        } else {
            self.conditions.join(" AND ")
        }
    }

    pub fn bind_as<'q, O>(
        &self,
        mut query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        for value in &self.values {
            query = match value {
                Value::Text(text) => query.bind(text.clone()),
                Value::Int(number) => query.bind(*number),
            };
        }
        query
    }

    pub fn bind_scalar<'q, O>(
        &self,
        mut query: QueryScalar<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryScalar<'q, Any, O, AnyArguments<'q>> {
        for value in &self.values {
            query = match value {
                Value::Text(text) => query.bind(text.clone()),
                Value::Int(number) => query.bind(*number),
            };
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_values() {
        let mut filter = Where::new();
        assert_eq!(filter.clause(), "");
        assert_eq!(filter.conditions(), "1 = 1");
        filter.text("kind = ?", "request");
        filter.sql("protocol_state = 'awaiting'");
        filter.int("created_at_ms >= ?", 5);
        assert_eq!(
            filter.clause(),
            "WHERE kind = $1 AND protocol_state = 'awaiting' AND created_at_ms >= $2"
        );
        assert_eq!(filter.next_placeholder(), "$3");
    }
}
