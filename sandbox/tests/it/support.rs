//! Helpers: a sandbox on a free loopback port, and requests signed with `aws-sigv4`.

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use rds_sandbox::config::{self, Config};
use std::time::{Duration, SystemTime};
use tokio::sync::oneshot;

/// A running sandbox; stops when dropped.
pub(crate) struct Sandbox {
    pub(crate) url: String,
    _stop: oneshot::Sender<()>,
}

/// Starts a sandbox with `config` on `127.0.0.1:0`.
pub(crate) async fn start(config: Config) -> Sandbox {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(rds_sandbox::run(listener, config, async {
        let _ = stopped.await;
    }));
    Sandbox { url, _stop: stop }
}

/// A quick sandbox: backtracks pending for 0.3 s and applying for 0.3 s.
pub(crate) fn quick_config() -> Config {
    Config {
        timings: config::Timings {
            pending: Duration::from_millis(300),
            applying: Duration::from_millis(300),
        },
        ..Config::new()
    }
}

/// Who signs and when.
#[derive(Clone)]
pub(crate) struct Signer {
    pub(crate) key: String,
    pub(crate) secret: String,
    pub(crate) token: Option<String>,
    pub(crate) region: String,
    pub(crate) skew: Duration,
    pub(crate) behind: bool,
    /// The signing name in the scope (`rds` unless a test says otherwise).
    pub(crate) service: &'static str,
}

impl Signer {
    pub(crate) fn sandbox() -> Self {
        Self {
            key: config::ACCESS_KEY_ID.into(),
            secret: config::SECRET_ACCESS_KEY.into(),
            token: Some(config::SESSION_TOKEN.into()),
            region: "us-east-1".into(),
            skew: Duration::ZERO,
            behind: false,
            service: "rds",
        }
    }
}

/// An answer: status, body and the `Date` header.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: String,
    pub(crate) request_id: Option<String>,
}

impl Answer {
    /// The `<Code>` of an error answer.
    pub(crate) fn code(&self) -> &str {
        between(&self.body, "<Code>", "</Code>").unwrap_or("")
    }
}

/// The text between the first `open` and the following `close`.
pub(crate) fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    Some(&text[start..start + text[start..].find(close)?])
}

/// Every text between `open` and `close`.
pub(crate) fn all_between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .filter_map(|s| s.split(close).next())
        .collect()
}

/// POSTs the form `params` to `url`, signed by `signer`.
pub(crate) async fn call(url: &str, signer: &Signer, params: &[(&str, &str)]) -> Answer {
    try_call(url, signer, params).await.unwrap()
}

/// [`call`], with the HTTP client's error when no whole answer came back.
pub(crate) async fn try_call(
    url: &str,
    signer: &Signer,
    params: &[(&str, &str)],
) -> reqwest::Result<Answer> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let content_type = (
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8",
    );
    try_post_signed(url, signer, &[content_type], body).await
}

/// POSTs `body` with `headers` (sent and signed) to `url`, signed by `signer`.
pub(crate) async fn post_signed(
    url: &str,
    signer: &Signer,
    headers: &[(&str, &str)],
    body: String,
) -> Answer {
    try_post_signed(url, signer, headers, body).await.unwrap()
}

async fn try_post_signed(
    url: &str,
    signer: &Signer,
    headers: &[(&str, &str)],
    body: String,
) -> reqwest::Result<Answer> {
    let identity = aws_credential_types::Credentials::new(
        &signer.key,
        &signer.secret,
        signer.token.clone(),
        None,
        "test",
    )
    .into();
    let time = if signer.behind {
        SystemTime::now() - signer.skew
    } else {
        SystemTime::now() + signer.skew
    };
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&signer.region)
        .name(signer.service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        "POST",
        url,
        headers.iter().copied(),
        SignableBody::Bytes(body.as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut request = reqwest::Client::new().post(url).body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    for (name, value) in instructions.headers() {
        request = request.header(name, value);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("x-amzn-requestid")
        .map(|v| v.to_str().unwrap().to_owned());
    Ok(Answer {
        status,
        body: response.text().await?,
        request_id,
    })
}
