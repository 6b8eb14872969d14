//! Pages that load data (`SsrMode::Async`) rendered whole before a byte is sent, handed to
//! Leptos as their rendered chunks rather than as one string built for the purpose.
//!
//! leptos_axum's own Async handler gathers the page into one growing `String`; Leptos then
//! joins the chunks that are ready together (a copy), and leptos_meta copies the first chunk
//! whole to put the `<title>` into its head. For "my debts" with 200 debts (87 KB) that was
//! the page copied three times over besides the buffer's growth (measured with callgrind).
//! Here the chunks stay as rendered; the one holding `</head>` goes out alone, so only it
//! is copied for the title, and the rest is joined once.

use axum::body::Body;
use axum::http::{Method, Request, Response};
use futures_core::Stream;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

type Chunks = Pin<Box<dyn Stream<Item = String> + Send>>;
type Pending<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The handler of every Async page: as leptos_axum's, with `context` provided for the render
/// (and the request's method, as leptos_axum provides it). The application state itself is
/// not provided: pages read what they need (database, site, mailer, …) from `context`.
pub fn handler<IV>(
    context: impl Fn() + Clone + Send + Sync + 'static,
    app: impl Fn() -> IV + Clone + Send + Sync + 'static,
) -> impl Fn(Request<Body>) -> Pending<Response<Body>> + Clone + Send + Sync + 'static
where
    IV: IntoView + 'static,
{
    move |request: Request<Body>| {
        let method = match *request.method() {
            Method::POST => leptos_router::Method::Post,
            Method::PUT => leptos_router::Method::Put,
            Method::DELETE => leptos_router::Method::Delete,
            Method::PATCH => leptos_router::Method::Patch,
            _ => leptos_router::Method::Get,
        };
        let context = context.clone();
        let with_method = move || {
            provide_context(method);
            context();
        };
        leptos_axum::handle_response_inner(with_method, app.clone(), request, whole_page::<IV>)
    }
}

/// Renders the page to its end (every resource loaded, so a redirect or status set on the
/// way still applies, as in `SsrMode::Async`), then yields the chunks up to the head's end,
/// a pause, and the rest followed by Leptos's own scripts.
fn whole_page<IV>(
    app: IV,
    scripts: Box<dyn FnOnce() -> Chunks + Send>,
    _out_of_order: bool,
) -> Pending<Chunks>
where
    IV: IntoView + 'static,
{
    Box::pin(async move {
        let mut rendered = Box::pin(app.to_html_stream_in_order());
        let mut chunks = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| rendered.as_mut().poll_next(cx)).await {
            if !chunk.is_empty() {
                chunks.push(chunk);
            }
        }
        // leptos_meta needs the head's end in the first chunk: without one, it all goes first.
        let head_ends = chunks
            .iter()
            .position(|chunk| chunk.contains("</head>"))
            .map_or(chunks.len(), |at| at + 1);
        let rest = chunks.split_off(head_ends);
        Box::pin(HeadFirst {
            head: Some(chunks.concat()),
            paused: false,
            rest: rest.into_iter(),
            scripts: Some(scripts),
            script_chunks: None,
        }) as Chunks
    })
}

/// The head, then (after one pause, so that Leptos, which joins the chunks that are ready
/// together, does not join it with the body) the rendered chunks and Leptos's scripts.
struct HeadFirst {
    head: Option<String>,
    paused: bool,
    rest: std::vec::IntoIter<String>,
    scripts: Option<Box<dyn FnOnce() -> Chunks + Send>>,
    script_chunks: Option<Chunks>,
}

impl Stream for HeadFirst {
    type Item = String;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<String>> {
        if let Some(head) = self.head.take() {
            return Poll::Ready(Some(head));
        }
        if !self.paused {
            self.paused = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if let Some(chunk) = self.rest.next() {
            return Poll::Ready(Some(chunk));
        }
        if let Some(scripts) = self.scripts.take() {
            self.script_chunks = Some(scripts());
        }
        match self.script_chunks.as_mut() {
            Some(chunks) => chunks.as_mut().poll_next(cx),
            None => Poll::Ready(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(stream: &mut Chunks) -> Poll<Option<String>> {
        let waker = std::task::Waker::noop();
        stream.as_mut().poll_next(&mut Context::from_waker(waker))
    }

    #[test]
    fn the_head_goes_out_alone_then_the_rest_in_order() {
        let scripts: Box<dyn FnOnce() -> Chunks + Send> = Box::new(|| {
            Box::pin(HeadFirst {
                head: Some("<script>1</script>".into()),
                paused: true,
                rest: Vec::new().into_iter(),
                scripts: None,
                script_chunks: None,
            }) as Chunks
        });
        let mut stream: Chunks = Box::pin(HeadFirst {
            head: Some("<head></head><body>".into()),
            paused: false,
            rest: vec!["<table>".to_owned(), "</body>".to_owned()].into_iter(),
            scripts: Some(scripts),
            script_chunks: None,
        });
        assert_eq!(
            next(&mut stream),
            Poll::Ready(Some("<head></head><body>".into()))
        );
        assert_eq!(next(&mut stream), Poll::Pending);
        assert_eq!(next(&mut stream), Poll::Ready(Some("<table>".into())));
        assert_eq!(next(&mut stream), Poll::Ready(Some("</body>".into())));
        assert_eq!(
            next(&mut stream),
            Poll::Ready(Some("<script>1</script>".into()))
        );
        assert_eq!(next(&mut stream), Poll::Ready(None));
    }
}
