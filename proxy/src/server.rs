//! The HTTP front: connection and time limits, the allowlist, CORS, and logging without secrets.

use crate::config::Config;
use crate::cors::{self, REFUSAL_HEADER};
use crate::forward::{self, ForwardError};
use crate::target::{allowed_call, Refusal};
use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

type Answer = Response<Full<Bytes>>;

struct Shared {
    config: Config,
    client: forward::Client,
}

/// Serves the proxy on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let client = forward::client(config.upstream_timeout)?;
    let permits = Arc::new(Semaphore::new(config.max_connections));
    let header_timeout = config.header_timeout;
    let shared = Arc::new(Shared { config, client });
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit?,
            () = &mut shutdown => break,
        };
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let shared = shared.clone();
        let service = service_fn(move |request| {
            let shared = shared.clone();
            async move { Ok::<_, std::convert::Infallible>(handle(&shared, request).await) }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    graceful.shutdown().await;
    Ok(())
}

async fn handle(shared: &Shared, request: Request<Incoming>) -> Answer {
    let started = Instant::now();
    let method = request.method().clone();
    let origin = request.headers().get(header::ORIGIN).cloned();
    let answer = respond(shared, request).await;
    tracing::info!(
        %method,
        origin = origin.as_ref().and_then(|o| o.to_str().ok()).unwrap_or("-"),
        status = answer.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "proxied"
    );
    answer
}

async fn respond(shared: &Shared, request: Request<Incoming>) -> Answer {
    let config = &shared.config;
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .filter(|o| o.to_str().is_ok_and(|o| config.origin_allowed(o)))
        .cloned();
    let Some(origin) = origin else {
        return refusal(None, StatusCode::FORBIDDEN, "this origin may not use the proxy (start it with --allow-origin for this page's origin)");
    };
    match *request.method() {
        // A preflight from an allowed origin is answered here and never forwarded.
        Method::OPTIONS => {
            let mut answer = Response::new(Full::new(Bytes::new()));
            *answer.status_mut() = StatusCode::NO_CONTENT;
            cors::add_preflight_headers(answer.headers_mut(), &origin);
            return answer;
        }
        Method::POST | Method::GET => {}
        _ => return wrong_method(&origin, "POST, GET"),
    }
    // The target is checked on the call itself, so the page can read the refusal: a refused
    // preflight would look like a network failure to it.
    let path = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let call = match allowed_call(request.method().as_str(), path, &config.extra_targets) {
        Ok(call) => call,
        Err(Refusal::Method(method)) => return wrong_method(&origin, method),
        Err(refused) => return refusal(Some(&origin), StatusCode::FORBIDDEN, &refused.to_string()),
    };
    let target = &call.target;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > config.max_body_bytes) {
        return too_large(&origin, config.max_body_bytes);
    }
    let (parts, body) = request.into_parts();
    let collected = tokio::time::timeout(
        config.body_timeout,
        Limited::new(body, config.max_body_bytes).collect(),
    )
    .await;
    let body = match collected {
        Err(_) => {
            return refusal(
                Some(&origin),
                StatusCode::REQUEST_TIMEOUT,
                "the request body arrived too slowly",
            )
        }
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            return too_large(&origin, config.max_body_bytes)
        }
        Ok(Err(_)) => {
            return refusal(
                Some(&origin),
                StatusCode::BAD_REQUEST,
                "the request body could not be read",
            )
        }
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    match forward::forward(&shared.client, &call, &parts.method, &parts.headers, body).await {
        Ok(upstream) => {
            let mut answer = Response::new(Full::new(upstream.body));
            *answer.status_mut() = upstream.status;
            *answer.headers_mut() = upstream.headers;
            cors::add_response_headers(answer.headers_mut(), &origin);
            answer
        }
        Err(ForwardError::Timeout) => refusal(
            Some(&origin),
            StatusCode::GATEWAY_TIMEOUT,
            &format!("{} did not answer in time", target.url()),
        ),
        Err(ForwardError::Redirect(status)) => refusal(
            Some(&origin),
            StatusCode::BAD_GATEWAY,
            &format!(
                "{} answered with a redirect ({status}), which the proxy does not follow",
                target.url()
            ),
        ),
        Err(ForwardError::TooLarge) => refusal(
            Some(&origin),
            StatusCode::BAD_GATEWAY,
            &format!(
                "{} answered with more than the proxy passes on",
                target.url()
            ),
        ),
        Err(ForwardError::Unreachable(why)) => refusal(
            Some(&origin),
            StatusCode::BAD_GATEWAY,
            &format!("{} could not be reached: {why}", target.url()),
        ),
    }
}

/// 405 for a method the path does not take; `allowed` lists the one(s) it does (`POST, GET`).
fn wrong_method(origin: &HeaderValue, allowed: &str) -> Answer {
    let mut answer = refusal(
        Some(origin),
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("only {allowed} (and OPTIONS preflight) is forwarded there"),
    );
    let allow = HeaderValue::from_str(&format!("{allowed}, OPTIONS"))
        .expect("method names are visible ASCII");
    answer.headers_mut().insert(header::ALLOW, allow);
    answer
}

fn too_large(origin: &HeaderValue, limit: usize) -> Answer {
    refusal(
        Some(origin),
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!("the request body is larger than {limit} bytes"),
    )
}

/// A plain-text refusal, readable by the page when its origin is allowed.
fn refusal(origin: Option<&HeaderValue>, status: StatusCode, message: &str) -> Answer {
    let mut answer = Response::new(Full::new(Bytes::from(format!("CORS proxy: {message}\n"))));
    *answer.status_mut() = status;
    let headers = answer.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(REFUSAL_HEADER, HeaderValue::from_static("1"));
    if let Some(origin) = origin {
        cors::add_response_headers(headers, origin);
    }
    answer
}
