//! The async AWS client, the browser edge: the core encodes and signs, gloo-net fetches, the core
//! reads the answer (`rds_core::answer`). Re-signs once when the server reports clock skew. Every
//! operation of `rds_core::calls` goes through [`Client::call`], to its service's endpoint
//! through the same route.

use crate::browser;
use gloo_net::http::Request;
use leptos::prelude::{GetUntracked, RwSignal, Set};
use rds_core::answer::{Answer, PROXY_REFUSAL_HEADER};
use rds_core::calls::{GetMetricData, ListDbClusters};
use rds_core::credentials::Credentials;
use rds_core::endpoint::{Endpoint, Route};
use rds_core::error::RdsError;
use rds_core::metrics::{self, Metric, Series, WindowHealth};
use rds_core::model::{ClusterId, DbCluster, MaxRecords};
use rds_core::operation::{Call, Operation};
use rds_core::sign::{self, ClockSkew};
use rds_core::time::Timestamp;
use web_sys::RequestMode;

/// Delays before the automatic retries of a read after a transient error, in milliseconds.
const READ_RETRY_DELAYS_MS: [u32; 2] = [500, 1500];

/// Where and as whom requests are sent.
#[derive(Clone, Debug)]
pub struct Client {
    /// The region signed for.
    pub region: String,
    /// The Endpoint URL setting (blank: AWS's endpoints), resolved for each service.
    pub endpoint_setting: String,
    /// How requests reach it.
    pub route: Route,
    /// Who signs.
    pub credentials: Credentials,
    /// What the server's clock has told us, shared by every client of the page.
    pub skew: RwSignal<ClockSkew>,
}

impl Client {
    /// The server's time now, as far as its answers have told us.
    pub fn server_now(&self) -> rds_core::time::Timestamp {
        self.skew.get_untracked().corrected(browser::now())
    }

    /// Sends `call` and reads its answer: any operation of `rds_core::calls`, the same way.
    pub async fn call<C: Call>(&self, call: &C) -> Result<C::Answer, RdsError> {
        let body = self.send(C::OPERATION, call.body()).await?;
        call.read(&body)
    }

    /// Every cluster of the region: `DescribeDBClusters` page by page (100 a page, through
    /// `Marker`); `progress` hears how many have arrived after each page.
    pub async fn list_clusters(
        &self,
        progress: impl Fn(usize),
    ) -> Result<Vec<DbCluster>, RdsError> {
        let (mut clusters, mut marker) = (Vec::new(), None::<String>);
        loop {
            let page = self
                .call(&ListDbClusters {
                    max_records: MaxRecords::LARGEST,
                    marker: marker.clone(),
                })
                .await?;
            clusters.extend(page.clusters);
            progress(clusters.len());
            match page.marker {
                // A marker that repeats would page forever.
                Some(next) if marker.as_deref() != Some(next.as_str()) => marker = Some(next),
                _ => return Ok(clusters),
            }
        }
    }

    /// What CloudWatch knows of `cluster`'s backtrack window over the 24 hours before `end`
    /// ([`metrics::HEALTH_SPAN_MS`]), in hourly periods: every backtrack metric in one
    /// `GetMetricData` call (and one more for each further page).
    pub async fn window_health(
        &self,
        cluster: &ClusterId,
        end: Timestamp,
    ) -> Result<WindowHealth, RdsError> {
        let call = GetMetricData {
            cluster: cluster.clone(),
            metrics: Metric::ALL.to_vec(),
            start: end.add_millis(-metrics::HEALTH_SPAN_MS),
            end,
            period_secs: 3600,
            next_token: None,
        };
        self.metric_series(call)
            .await
            .map(WindowHealth::from_series)
    }

    /// Every series `call` asks for, following its pages (`NextToken`).
    pub async fn metric_series(
        &self,
        mut call: GetMetricData,
    ) -> Result<Vec<(Metric, Series)>, RdsError> {
        let mut series = Vec::new();
        loop {
            let page = self.call(&call).await?;
            series.extend(page.series);
            if page.next_token.is_none() {
                return Ok(series);
            }
            call.next_token = page.next_token;
        }
    }

    /// Signs and sends `body`. Re-signs and sends once more if the server said the clock is off
    /// and told us its time (the request was refused unread, so even a backtrack is safe to
    /// resend). Reads, never `BacktrackDBCluster`, are retried twice after a transient error.
    async fn send(&self, operation: Operation, body: String) -> Result<String, RdsError> {
        let mut retries = if operation.mutating {
            &[][..]
        } else {
            &READ_RETRY_DELAYS_MS[..]
        };
        loop {
            let before = self.skew.get_untracked();
            let result = match self.send_once(operation, &body).await {
                Err(error) if error.is_clock_skew() && self.skew.get_untracked() != before => {
                    self.send_once(operation, &body).await
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

    async fn send_once(&self, operation: Operation, body: &str) -> Result<String, RdsError> {
        let service = operation.service;
        if !self.route.reaches(service) {
            return Err(RdsError::BadEndpoint(format!(
                "The CORS proxy URL reaches RDS only: add {{service}} to it (e.g. /{{service}}/{{region}}/) so the console can reach {} too.",
                service.title()
            )));
        }
        let endpoint = Endpoint::resolve_service(service, &self.region, &self.endpoint_setting)?;
        let now = self.server_now();
        self.credentials.check_fresh(now)?;
        let (url, region, credentials) = (endpoint.url(), &self.region, &self.credentials);
        let headers = sign::sign_call(operation, url, region, body, credentials, now)?;
        let target = self.route.target_url(&endpoint, service, &self.region);
        let answer = fetch(&target, &headers, body)
            .await
            .map_err(|detail| RdsError::Network {
                target: target.clone(),
                detail,
                via_proxy: self.route.via_proxy(),
            })?;
        let mut skew = self.skew.get_untracked();
        let result = answer.read(&mut skew, browser::now());
        if skew != self.skew.get_untracked() {
            self.skew.set(skew);
        }
        result
    }
}

/// POSTs `body` with `headers` to `url` through gloo-net; `Err` carries the browser's reason.
async fn fetch(
    url: &str,
    headers: &[(&'static str, String)],
    body: &str,
) -> Result<Answer, String> {
    let explain = |e: gloo_net::Error| match e {
        gloo_net::Error::JsError(js) => js.message,
        other => other.to_string(),
    };
    let mut request = Request::post(url).mode(RequestMode::Cors);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request
        .body(body)
        .map_err(explain)?
        .send()
        .await
        .map_err(explain)?;
    let get = |name: &str| response.headers().get(name);
    Ok(Answer {
        status: response.status(),
        date: get("date"),
        refused_by_proxy: get(PROXY_REFUSAL_HEADER).is_some(),
        request_id: get("x-amzn-requestid"),
        body: response.text().await.map_err(explain)?,
    })
}
