//! A plain-HTML form post that fails comes back to its page with its errors and what the
//! user typed, without any of it in the address (see `keep_form_values_off_the_url`).

use crate::state::AppState;
use app::backend::Db;
use app::domain::LocalPath;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

/// The query key that carries a kept form reply's token.
const FORM_TOKEN: &str = "__form";

/// A plain-HTML form post that fails comes back to its page with the errors and what the
/// user typed: server_fn would put all of it into the address. Here the reply is kept in
/// the database and the address carries a token (`__form`); when the page is asked for
/// with it, the request is given the reply back on its way in. Earlier tokens and replies
/// are dropped from the address, so repeated failures do not make it grow.
pub async fn keep_form_values_off_the_url(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET {
        restore_form_reply(&state.db, &mut request).await;
        return next.run(request).await;
    }
    let form_post = request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let mut response = next.run(request).await;
    if !form_post {
        return response;
    }
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return response;
    };
    let Some(rewritten) = rewrite_location(&state.db, &location).await else {
        return response;
    };
    match HeaderValue::from_str(&rewritten) {
        Ok(value) => {
            response.headers_mut().insert(header::LOCATION, value);
        }
        Err(_) => {
            response
                .headers_mut()
                .insert(header::LOCATION, HeaderValue::from_static("/"));
        }
    }
    response
}

/// The local path to send the browser to instead of `location`: the same page, its own
/// query kept, the framework's error fields replaced by a token. `None`: leave as is.
async fn rewrite_location(db: &Db, location: &str) -> Option<String> {
    let url = url::Url::parse(location)
        .or_else(|_| url::Url::parse("http://local").and_then(|base| base.join(location)))
        .ok()?;
    let mut kept = Vec::new();
    let (mut path, mut error) = (None, None);
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "__path" => path = Some(value.into_owned()),
            "__err" => error = Some(value.into_owned()),
            FORM_TOKEN => {}
            _ => kept.push((key.into_owned(), value.into_owned())),
        }
    }
    let had_extras = url
        .query_pairs()
        .any(|(k, _)| matches!(k.as_ref(), "__path" | "__err" | FORM_TOKEN));
    if !had_extras {
        return None;
    }
    if let (Some(path), Some(error)) = (path, error) {
        match db.keep_form_reply(&path, &error).await {
            Ok(token) => kept.push((FORM_TOKEN.to_owned(), token)),
            Err(error) => tracing::error!(%error, "could not keep a form reply"),
        }
    }
    let mut target = url.path().to_owned();
    if !kept.is_empty() {
        target.push('?');
        target.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&kept)
                .finish(),
        );
    }
    Some(LocalPath::or(&target, "/").to_string())
}

/// A page asked for with a form reply's token gets the reply back, inside the server only.
async fn restore_form_reply(db: &Db, request: &mut Request) {
    let Some(query) = request.uri().query() else {
        return;
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let Some(token) = pairs
        .iter()
        .find(|(k, _)| k == FORM_TOKEN)
        .map(|(_, v)| v.clone())
    else {
        return;
    };
    let reply = match db.take_form_reply(&token).await {
        Ok(reply) => reply,
        Err(error) => {
            tracing::error!(%error, "could not read a form reply");
            None
        }
    };
    let mut rest: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| !matches!(k.as_str(), FORM_TOKEN | "__path" | "__err"))
        .collect();
    if let Some((path, error)) = reply {
        rest.push(("__path".into(), path));
        rest.push(("__err".into(), error));
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&rest)
        .finish();
    let path_and_query = if query.is_empty() {
        request.uri().path().to_owned()
    } else {
        format!("{}?{query}", request.uri().path())
    };
    if let Ok(uri) = path_and_query.parse() {
        *request.uri_mut() = uri;
    }
}
