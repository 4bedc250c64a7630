//! The HTTP front: CORS like RDS's, SigV4 checks, injected faults, and a request log for tests.

use crate::cmd::{Caller, Fault, Operation};
use crate::config::{Config, CredentialSet, Faults, LostAnswer};
use crate::sigv4::{self, AuthFailure};
use crate::sso::SsoWorld;
use crate::state::{Cluster, World};
use crate::xml;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::trace::TraceLayer;

/// The header RDS names its request id in.
const REQUEST_ID: &str = "x-amzn-requestid";

/// Serves the sandbox on `listener` until `shutdown` completes.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(config).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// The sandbox's routes: `POST /` for the RDS API, `GET /_sandbox/requests` for the request log
/// (calls, and CORS preflights as `preflight`); IAM Identity Center's six paths, which send no
/// CORS headers (as AWS's do not), and `/_sandbox/sso/…` for the sign-in page's part.
pub fn app(config: Config) -> Router {
    let now = server_now(config.clock_offset_secs);
    let world = World {
        clusters: config
            .clusters
            .iter()
            .cloned()
            .map(|seed| Cluster::new(seed, now))
            .collect(),
        timings: config.timings,
        region: config.region.clone(),
        metric_page_points: config.metric_page_points,
        trail_lookups: 0,
        trail_delivery_ms: config.trail_delivery_secs as i64 * 1000,
    };
    let state = Arc::new(AppState {
        config,
        world: Mutex::new(world),
        reads: AtomicU64::new(0),
        unthrottled_reads: AtomicU64::new(0),
        log: Mutex::new(Vec::new()),
        started: Instant::now(),
        sso: Mutex::new(SsoWorld::default()),
    });
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::POST])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([HeaderName::from_static(REQUEST_ID), header::DATE])
        .max_age(Duration::from_secs(600));
    let with_cors = Router::new()
        .route("/", post(rds_call))
        .route("/_sandbox/requests", get(requests_index))
        .fallback(not_found)
        .layer(cors);
    Router::new()
        .route("/client/register", post(sso_call))
        .route("/device_authorization", post(sso_call))
        .route("/token", post(sso_call))
        .route("/assignment/accounts", get(sso_call))
        .route("/assignment/roles", get(sso_call))
        .route("/federation/credentials", get(sso_call))
        .route("/_sandbox/sso/verify", get(sso_sign_in_page))
        .route("/_sandbox/sso/{user_code}/{action}", post(sso_act))
        .merge(with_cors)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            log_preflight,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Logs each CORS preflight (`OPTIONS`, answered by the CORS layer) as action `preflight`, so
/// tests can count the round trips a route costs before its calls.
async fn log_preflight(
    State(state): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let preflight = request.method() == Method::OPTIONS;
    let received_ms = millis_since(state.started);
    let response = next.run(request).await;
    if preflight {
        state.log.lock().expect("log lock").push(LoggedRequest {
            action: "preflight".into(),
            params: Vec::new(),
            access_key_id: None,
            status: response.status().as_u16(),
            error_code: None,
            received_ms,
            answered_ms: millis_since(state.started),
        });
    }
    response
}

/// One request as the sandbox received it, without any secret.
#[derive(Clone, Debug, Serialize)]
pub struct LoggedRequest {
    /// `Action`.
    pub action: String,
    /// The form parameters.
    pub params: Vec<(String, String)>,
    /// The access key id of the signature, if one could be read.
    pub access_key_id: Option<String>,
    /// The HTTP status answered.
    pub status: u16,
    /// The error code answered, if any.
    pub error_code: Option<String>,
    /// When it arrived, in milliseconds since the sandbox started.
    pub received_ms: u64,
    /// When its answer left (after any `--latency-ms`), in milliseconds since the sandbox started.
    pub answered_ms: u64,
}

struct AppState {
    config: Config,
    world: Mutex<World>,
    reads: AtomicU64,
    unthrottled_reads: AtomicU64,
    log: Mutex<Vec<LoggedRequest>>,
    /// When the sandbox started: the origin of the log's times.
    started: Instant,
    /// IAM Identity Center's clients, codes, tokens and minted role credentials.
    sso: Mutex<SsoWorld>,
}

async fn requests_index(State(state): State<Arc<AppState>>) -> Json<Vec<LoggedRequest>> {
    Json(state.log.lock().expect("log lock").clone())
}

async fn not_found(uri: Uri) -> (StatusCode, String) {
    (
        StatusCode::NOT_FOUND,
        format!(
            "The sandbox answers POST / (RDS, STS, CloudWatch, CloudTrail) and IAM Identity Center's paths; {} is not a route.\n",
            uri.path()
        ),
    )
}

async fn rds_call(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let config = &state.config;
    let received_ms = millis_since(state.started);
    let now = server_now(config.clock_offset_secs);
    // The JSON protocol names its operation in `X-Amz-Target`; the Query protocol in the form.
    let json_target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (operation, params) = Operation::from_request(json_target.as_deref(), &body);
    let json = json_target.is_some();
    let request_id = uuid::Uuid::new_v4().to_string();
    let request = sigv4::Request {
        method: "POST",
        path: uri.path(),
        query: uri.query().unwrap_or_default(),
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: &body,
    };
    let access_key_id = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| sigv4::Authorization::parse(v).ok())
        .map(|a| a.access_key_id);
    let known: Vec<CredentialSet> = config
        .credentials
        .iter()
        .cloned()
        .chain(state.sso.lock().expect("sso lock").credential_sets(now))
        .collect();
    let caller_arn = access_key_id
        .as_ref()
        .and_then(|key| known.iter().find(|c| &c.access_key_id == key))
        .and_then(|c| c.arn.clone());
    let lost = config
        .faults
        .lost_backtrack_answer
        .filter(|_| operation.name() == "BacktrackDBCluster");
    let outcome = authenticate(
        &request,
        &known,
        config,
        now,
        operation.service(),
        operation.name(),
    )
    .and_then(|()| {
        if operation.takes_faults() {
            inject_fault(config.faults, &state.reads, &state.unthrottled_reads)?;
        }
        if lost == Some(LostAnswer::Html500NotSent) {
            return Ok(String::new());
        }
        let mut world = state.world.lock().expect("world lock");
        operation.execute(
            &params,
            &mut world,
            now,
            &Caller::from(peer.ip().to_string(), caller_arn),
        )
    });
    if !config.faults.latency.is_zero() {
        tokio::time::sleep(config.faults.latency).await;
    }
    if let (Some(lost), Ok(_)) = (lost, &outcome) {
        state.log.lock().expect("log lock").push(LoggedRequest {
            action: operation.name().to_owned(),
            params: params.0,
            access_key_id,
            status: 500,
            error_code: Some(format!("answer lost: {lost:?}")),
            received_ms,
            answered_ms: millis_since(state.started),
        });
        return lost_answer(lost);
    }
    let (status, body, error_code) = match outcome {
        Ok(result) if json => (200, result, None),
        Ok(result) => (
            200,
            xml::success(operation.name(), operation.service(), &result, &request_id),
            None,
        ),
        Err(fault) if json => (
            fault.status,
            serde_json::json!({ "__type": format!("com.amazon.coral.service#{}", fault.code), "message": fault.message }).to_string(),
            Some(fault.code.to_owned()),
        ),
        Err(fault) => (
            fault.status,
            xml::error(
                operation.service(),
                fault.kind,
                fault.code,
                &fault.message,
                &request_id,
            ),
            Some(fault.code.to_owned()),
        ),
    };
    tracing::info!(
        action = operation.name(),
        status,
        error = error_code.as_deref().unwrap_or(""),
        "rds call"
    );
    state.log.lock().expect("log lock").push(LoggedRequest {
        action: operation.name().to_owned(),
        params: params.0,
        access_key_id,
        status,
        error_code,
        received_ms,
        answered_ms: millis_since(state.started),
    });
    let date = httpdate::fmt_http_date(
        UNIX_EPOCH
            + Duration::from_millis(
                u64::try_from(server_now(config.clock_offset_secs)).unwrap_or(0),
            ),
    );
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    let content_type = if json {
        "application/x-amz-json-1.0"
    } else {
        "text/xml"
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        REQUEST_ID,
        HeaderValue::from_str(&request_id).expect("a uuid is a valid header"),
    );
    headers.insert(
        header::DATE,
        HeaderValue::from_str(&date).expect("an HTTP date is a valid header"),
    );
    response
}

/// IAM Identity Center's six calls: OIDC reads its JSON body, the portal its query and the
/// `x-amz-sso_bearer_token` header. The log keeps the query (an account id, a role name, a page
/// token), never a body or the token.
async fn sso_call(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let received_ms = millis_since(state.started);
    let now = server_now(state.config.clock_offset_secs);
    let query: HashMap<String, String> =
        form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let token = headers
        .get("x-amz-sso_bearer_token")
        .and_then(|v| v.to_str().ok());
    let origin = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|host| format!("http://{host}"))
        .unwrap_or_default();
    let sso = &state.config.sso;
    let (action, (status, reply)) = {
        let mut world = state.sso.lock().expect("sso lock");
        match uri.path() {
            "/client/register" => ("RegisterClient", world.register(&body, now)),
            "/device_authorization" => (
                "StartDeviceAuthorization",
                world.start(sso, &origin, &body, now),
            ),
            "/token" => ("CreateToken", world.token(sso, &body, now)),
            path => world.portal(sso, path, token, &query, now),
        }
    };
    if !state.config.faults.latency.is_zero() {
        tokio::time::sleep(state.config.faults.latency).await;
    }
    let error_code = reply["error"]
        .as_str()
        .or(reply["__type"].as_str())
        .or((status == 401).then_some("UnauthorizedException"))
        .map(str::to_owned);
    state.log.lock().expect("log lock").push(LoggedRequest {
        action: action.into(),
        params: query.into_iter().collect(),
        access_key_id: None,
        status,
        error_code,
        received_ms,
        answered_ms: millis_since(state.started),
    });
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "application/json")],
        reply.to_string(),
    )
        .into_response()
}

/// What the user does in IAM Identity Center's sign-in page: `approve`, `deny`, `slow-down` or
/// `expire` the code `user_code`.
async fn sso_act(
    State(state): State<Arc<AppState>>,
    axum::extract::Path((user_code, action)): axum::extract::Path<(String, String)>,
) -> Response {
    let now = server_now(state.config.clock_offset_secs);
    let (status, reply) = state
        .sso
        .lock()
        .expect("sso lock")
        .act(&user_code, &action, now);
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        Json(reply),
    )
        .into_response()
}

/// The sandbox's sign-in page (`verificationUriComplete`): the code, and buttons that approve or
/// deny it, for a person rehearsing the sign-in.
async fn sso_sign_in_page(
    axum::extract::Query(query): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let code = query
        .get("user_code")
        .map(String::as_str)
        .unwrap_or_default();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
        return (
            StatusCode::BAD_REQUEST,
            "no user_code of the form ABCD-EFGH\n",
        )
            .into_response();
    }
    let button = |action: &str, label: &str| {
        format!("<form method=\"post\" action=\"/_sandbox/sso/{code}/{action}\"><button>{label}</button></form>")
    };
    axum::response::Html(format!(
        "<!DOCTYPE html><title>Sandbox sign-in</title><h1>Sandbox IAM Identity Center</h1><p>Code: <strong>{code}</strong></p>{}{}",
        button("approve", "Allow access"),
        button("deny", "Deny access")
    ))
    .into_response()
}

/// Whole milliseconds from `start` to now.
fn millis_since(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The answer a client gets when `lost` happens to it: an HTML error page, or a connection closed
/// before the body (the browser's fetch fails).
fn lost_answer(lost: LostAnswer) -> Response {
    match lost {
        LostAnswer::Html500 | LostAnswer::Html500NotSent => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>",
        )
            .into_response(),
        // The status, headers and the answer's first bytes go out, then the connection breaks: a
        // browser may resend a request whose connection closed before any byte came back, but
        // not this one, so the page sees one send whose answer it could not read.
        LostAnswer::Dropped => {
            let broken = futures_util::stream::unfold(0u8, |step| async move {
                match step {
                    0 => Some((Ok(Bytes::from_static(b"<BacktrackDBClusterResponse>")), 1)),
                    1 => {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        let cut = std::io::Error::other("the sandbox dropped this answer");
                        Some((Err(cut), 2))
                    }
                    _ => None,
                }
            });
            axum::body::Body::from_stream(broken).into_response()
        }
    }
}

/// Checks the signature like RDS, with RDS's codes and messages.
fn authenticate(
    request: &sigv4::Request<'_>,
    known: &[CredentialSet],
    config: &Config,
    now: i64,
    service: &str,
    action: &str,
) -> Result<(), Fault> {
    let deny = |code, message: &str| Fault::sender(403, code, message.to_owned());
    let secs = now.div_euclid(1000);
    let auth = match sigv4::verify(request, known, secs) {
        Ok(auth) => auth,
        Err(AuthFailure::Missing) => return Err(deny("MissingAuthenticationToken", "Request is missing Authentication Token")),
        Err(AuthFailure::Malformed(why)) => return Err(deny("IncompleteSignature", &format!("The request signature does not conform to AWS standards: {why}"))),
        Err(AuthFailure::UnknownKey) => return Err(deny("InvalidClientTokenId", "The security token included in the request is invalid.")),
        Err(AuthFailure::BadToken) => return Err(deny("InvalidClientTokenId", "The security token included in the request is invalid.")),
        Err(AuthFailure::ExpiredToken) => return Err(deny("ExpiredToken", "The security token included in the request is expired")),
        Err(AuthFailure::Expired { request_time, server_time }) => {
            let limit = sigv4::format_amz_date(secs - sigv4::MAX_SKEW_SECS);
            return Err(deny("SignatureDoesNotMatch", &format!("Signature expired: {request_time} is now earlier than {limit} ({server_time} - 5 min.)")));
        }
        Err(AuthFailure::NotYetCurrent { request_time, server_time }) => {
            let limit = sigv4::format_amz_date(secs + sigv4::MAX_SKEW_SECS);
            return Err(deny("SignatureDoesNotMatch", &format!("Signature not yet current: {request_time} is still later than {limit} ({server_time} + 5 min.)")));
        }
        Err(AuthFailure::Mismatch) => return Err(deny("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")),
    };
    let scope = (auth.region, auth.service);
    if scope.1 != service {
        return Err(deny(
            "SignatureDoesNotMatch",
            &format!(
                "Credential should be scoped to correct service: '{service}'. (got {:?})",
                scope.1
            ),
        ));
    }
    if scope.0 != config.region {
        return Err(deny("SignatureDoesNotMatch", &format!("Credential should be scoped to a valid region, not '{}'. This sandbox answers for '{}'.", scope.0, config.region)));
    }
    let refused = known
        .iter()
        .find(|c| c.access_key_id == auth.access_key_id && c.refused.iter().any(|s| s == service));
    if let Some(refused) = refused {
        let code = if service == "cloudtrail" {
            "AccessDeniedException"
        } else {
            "AccessDenied"
        };
        let caller = Caller::from(String::new(), refused.arn.clone()).arn;
        return Err(deny(code, &format!("User: {caller} is not authorized to perform: {service}:{action} because no identity-based policy allows the {service}:{action} action")));
    }
    Ok(())
}

/// Spreads the configured shares of faults evenly: throttling over all read calls, server errors
/// over the reads that were not throttled.
fn inject_fault(faults: Faults, reads: &AtomicU64, unthrottled: &AtomicU64) -> Result<(), Fault> {
    let hit = |percent: u8, counter: &AtomicU64| {
        let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
        let p = u64::from(percent.min(100));
        (n * p) / 100 != ((n - 1) * p) / 100
    };
    if hit(faults.throttle_percent, reads) {
        return Err(Fault::sender(400, "Throttling", "Rate exceeded".into()));
    }
    if hit(faults.error_percent, unthrottled) {
        return Err(Fault { status: 500, kind: "Receiver", code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.".into() });
    }
    Ok(())
}

/// The sandbox's clock in milliseconds: this computer's, shifted by the configured offset.
fn server_now(offset_secs: i64) -> i64 {
    let local = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    local + offset_secs * 1000
}
