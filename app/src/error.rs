//! The one error type that crosses the wire between server functions and the UI.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// A problem with one form field, already in the user's language, saying how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Field errors plus what the user typed (never passwords), so a form sent back after a
/// failed plain-HTML post shows the errors next to the user's own input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub fields: Vec<FieldError>,
    pub values: Vec<(String, String)>,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.fields.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    pub fn keep(&mut self, field: &str, value: &str) {
        self.values.push((field.into(), value.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// `Ok(())` when nothing needs fixing, else the validation error to return.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.fields.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }

    pub fn error_for(&self, field: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn value_of(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("some fields need fixing")]
    Validation(FormErrors),
    #[error("sign in first")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    RateLimited,
    /// Something failed on the server; the cause is logged there and never sent.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function or its answer could not be read.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// Logs an internal cause with its chain and returns the opaque error users see.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: &(dyn std::error::Error + 'static)) -> AppError {
        let mut chain = cause.to_string();
        let mut source = cause.source();
        while let Some(inner) = source {
            chain.push_str(": ");
            chain.push_str(&inner.to_string());
            source = inner.source();
        }
        tracing::error!(error = %chain, "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
