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
    /// The request itself could not be read (a missing or malformed argument): a client
    /// fault, answered 400 with what was wrong.
    #[error("bad request: {0}")]
    BadRequest(String),
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

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation(_) => 422,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::RateLimited => 429,
            AppError::BadRequest(_) => 400,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

/// Longest detail kept from a framework error (a malformed argument can be huge).
const MAX_DETAIL_CHARS: usize = 200;

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let detail = |text: String| text.chars().take(MAX_DETAIL_CHARS).collect::<String>();
        match value {
            // On the server: the caller sent something unreadable.
            ServerFnErrorErr::Args(text) => AppError::BadRequest(detail(text)),
            ServerFnErrorErr::MissingArg(name) => {
                AppError::BadRequest(detail(format!("missing argument {name}")))
            }
            other => AppError::Transport(detail(other.to_string())),
        }
    }

    /// Serialising the error is the moment its HTTP status is known: the response gets it
    /// here (server_fn would answer every error 500). A plain form post keeps its redirect
    /// back to the form instead.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        set_response_status(self.status());
        <JsonEncoding as leptos::server_fn::Encodes<AppError>>::encode(self)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(b"\"Internal\""))
    }
}

#[cfg(feature = "ssr")]
fn set_response_status(status: u16) {
    use leptos::prelude::use_context;
    let (Some(parts), Some(response)) = (
        use_context::<http::request::Parts>(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let plain_form = parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if let (false, Ok(status)) = (plain_form, http::StatusCode::from_u16(status)) {
        response.set_status(status);
    }
}
