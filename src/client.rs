//! The async RDS client: encode, sign, fetch, parse. One place decides how a response becomes a
//! value or an [`RdsError`], and re-signs once when the server reports clock skew.

use crate::browser;
use crate::rds::credentials::Credentials;
use crate::rds::endpoint::{Endpoint, Route};
use crate::rds::error::{ErrorCode, RdsError, ServiceError};
use crate::rds::model::{
    BacktrackPage, BacktrackQuery, BacktrackRequest, ClusterId, DbCluster, DbClusterBacktrack,
};
use crate::rds::query::{self, Action};
use crate::rds::sign::{self, ClockSkew};
use crate::rds::xml;
use leptos::prelude::{GetUntracked, RwSignal, Set};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Delays before the automatic retries of a read after a transient error, in milliseconds.
const READ_RETRY_DELAYS_MS: [u32; 2] = [500, 1500];

/// Where and as whom requests are sent.
#[derive(Clone, Debug)]
pub struct Client {
    /// The region signed for.
    pub region: String,
    /// The endpoint signed for.
    pub endpoint: Endpoint,
    /// How requests reach it.
    pub route: Route,
    /// Who signs.
    pub credentials: Credentials,
    /// What the server's clock has told us, shared by every client of the page.
    pub skew: RwSignal<ClockSkew>,
}

/// A raw answer.
struct Answer {
    status: u16,
    body: String,
    date: Option<String>,
    refused_by_proxy: bool,
}

impl Client {
    /// The server's time now, as far as its answers have told us.
    pub fn server_now(&self) -> crate::rds::time::Timestamp {
        self.skew.get_untracked().corrected(browser::now())
    }

    /// `DescribeDBClusters` for one cluster.
    pub async fn describe_cluster(&self, id: &ClusterId) -> Result<DbCluster, RdsError> {
        let body = self
            .call(Action::DescribeDbClusters, query::describe_db_clusters(id))
            .await?;
        xml::parse_describe_db_clusters(&body)?
            .into_iter()
            .next()
            .ok_or_else(|| {
                RdsError::Service(ServiceError {
                    kind: ErrorCode::DbClusterNotFound,
                    code: "DBClusterNotFoundFault".into(),
                    message: format!("DBCluster {id} not found."),
                    request_id: xml::request_id(&body),
                    status: Some(200),
                })
            })
    }

    /// `BacktrackDBCluster`: sent once; never retried, except re-signed once after clock skew.
    pub async fn backtrack(
        &self,
        request: &BacktrackRequest,
    ) -> Result<DbClusterBacktrack, RdsError> {
        let body = self
            .call(
                Action::BacktrackDbCluster,
                query::backtrack_db_cluster(request),
            )
            .await?;
        Ok(xml::parse_backtrack_db_cluster(&body)?)
    }

    /// One page of `DescribeDBClusterBacktracks`.
    pub async fn backtracks(
        &self,
        id: &ClusterId,
        page: &BacktrackQuery,
    ) -> Result<BacktrackPage, RdsError> {
        let body = self
            .call(
                Action::DescribeDbClusterBacktracks,
                query::describe_db_cluster_backtracks(id, page),
            )
            .await?;
        Ok(xml::parse_describe_db_cluster_backtracks(&body)?)
    }

    /// Signs and sends `body`. Re-signs and sends once more if the server said the clock is off
    /// and told us its time (the request was refused unread, so even a backtrack is safe to
    /// resend). Reads, never `BacktrackDBCluster`, are retried twice after a transient error.
    async fn call(&self, action: Action, body: String) -> Result<String, RdsError> {
        let mut retries = if action.is_mutating() {
            &[][..]
        } else {
            &READ_RETRY_DELAYS_MS[..]
        };
        loop {
            let before = self.skew.get_untracked();
            let result = match self.send_once(&body).await {
                Err(error) if error.is_clock_skew() && self.skew.get_untracked() != before => {
                    self.send_once(&body).await
                }
                other => other,
            };
            match (result, retries.split_first()) {
                (Err(error), Some((delay, rest))) if error.is_transient() => {
                    browser::sleep(*delay).await;
                    retries = rest;
                }
                (result, _) => return result,
            }
        }
    }

    async fn send_once(&self, body: &str) -> Result<String, RdsError> {
        let now = self.server_now();
        self.credentials.check_fresh(now)?;
        let headers = sign::sign_post(
            self.endpoint.url(),
            &self.region,
            body,
            &self.credentials,
            now,
        )?;
        let target = self.route.target_url(&self.endpoint, &self.region);
        let answer = fetch(&target, &headers, body)
            .await
            .map_err(|detail| RdsError::Network {
                target: target.clone(),
                detail,
                via_proxy: self.route.via_proxy(),
            })?;
        if let Some(date) = &answer.date {
            let mut skew = self.skew.get_untracked();
            if skew.learn_from_date_header(date, browser::now()) {
                self.skew.set(skew);
            }
        }
        if (200..300).contains(&answer.status) {
            return Ok(answer.body);
        }
        if answer.refused_by_proxy {
            return Err(RdsError::ProxyRefused {
                status: answer.status,
                message: answer.body.trim().to_owned(),
            });
        }
        match xml::parse_error(&answer.body, Some(answer.status)) {
            Ok(mut error) => {
                if matches!(
                    error.kind,
                    ErrorCode::SignatureExpired | ErrorCode::RequestTimeTooSkewed
                ) {
                    let mut skew = self.skew.get_untracked();
                    if skew.learn_from_error(&error, answer.date.as_deref(), browser::now()) {
                        self.skew.set(skew);
                    }
                }
                error.status = Some(answer.status);
                Err(RdsError::Service(error))
            }
            Err(_) => Err(RdsError::NotRds {
                status: answer.status,
                snippet: answer.body.chars().take(200).collect(),
            }),
        }
    }
}

async fn fetch(
    url: &str,
    headers: &[(&'static str, String)],
    body: &str,
) -> Result<Answer, String> {
    let explain = |e: JsValue| {
        e.as_string()
            .or_else(|| js_sys::Error::from(e).message().as_string())
            .unwrap_or_else(|| "failed to fetch".into())
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_mode(web_sys::RequestMode::Cors);
    init.set_body(&JsValue::from_str(body));
    let sent_headers = web_sys::Headers::new().map_err(explain)?;
    for (name, value) in headers {
        sent_headers.append(name, value).map_err(explain)?;
    }
    init.set_headers(&sent_headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(explain)?;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(explain)?
        .dyn_into()
        .map_err(explain)?;
    let get = |name: &str| response.headers().get(name).ok().flatten();
    let text = JsFuture::from(response.text().map_err(explain)?)
        .await
        .map_err(explain)?;
    Ok(Answer {
        status: response.status(),
        date: get("date"),
        refused_by_proxy: get("x-proxy-refusal").is_some(),
        body: text.as_string().unwrap_or_default(),
    })
}
