//! The one way the server sends a browser elsewhere: to a path on this site, checked.

use app::domain::LocalPath;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A "see other" redirect to a path on this site: every redirect the server makes itself
/// goes through here (a bad path goes home, never to another site).
pub fn see_other(path: &str) -> Response {
    let path = LocalPath::or(path, "/");
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(path.as_str()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
