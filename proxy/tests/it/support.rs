//! A recording upstream, a proxy in front of it, and raw HTTP for requests a client library
//! would refuse to send.

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::Router;
use cors_proxy::config::Config;
use cors_proxy::target::Target;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The origin the tests' proxy allows.
pub(crate) const ORIGIN: &str = "http://127.0.0.1:8080";

/// One request the upstream received.
#[derive(Clone, Debug)]
pub(crate) struct Received {
    pub(crate) method: Method,
    pub(crate) uri: Uri,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// A proxy with a recording upstream behind it.
pub(crate) struct Rig {
    pub(crate) proxy: SocketAddr,
    pub(crate) upstream: SocketAddr,
    pub(crate) received: Arc<Mutex<Vec<Received>>>,
}

impl Rig {
    /// The upstream's URL, as the console would put it after the proxy's.
    pub(crate) fn upstream_url(&self) -> String {
        format!("http://{}/", self.upstream)
    }

    /// How many requests reached the upstream.
    pub(crate) fn hits(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

/// Starts an upstream that records every request and answers by the body: `redirect`, `slow`,
/// `cookie`, or an RDS-like XML.
pub(crate) async fn start() -> Rig {
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    let upstream_app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let log = log.clone();
            async move {
                log.lock().unwrap().push(Received {
                    method,
                    uri,
                    headers,
                    body: body.clone(),
                });
                match &body[..] {
                    b"redirect" => (
                        StatusCode::FOUND,
                        [("location", "https://evil.test/")],
                        "moved",
                    )
                        .into_response(),
                    b"slow" => {
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        "late".into_response()
                    }
                    _ => (
                        StatusCode::OK,
                        [
                            ("content-type", "text/xml"),
                            ("x-amzn-requestid", "req-1"),
                            ("set-cookie", "session=stolen"),
                            ("x-internal", "secret"),
                        ],
                        "<DescribeDBClustersResponse/>",
                    )
                        .into_response(),
                }
            }
        },
    );
    let upstream_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = upstream_listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(upstream_listener, upstream_app).await });

    let mut config = Config::new(vec![ORIGIN.to_owned()]);
    config.extra_targets = vec![Target::parse(&format!("http://{upstream}/")).unwrap()];
    config.max_body_bytes = 1024;
    config.header_timeout = Duration::from_millis(500);
    config.body_timeout = Duration::from_millis(500);
    config.upstream_timeout = Duration::from_millis(500);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = listener.local_addr().unwrap();
    tokio::spawn(cors_proxy::run(listener, config, std::future::pending()));
    Rig {
        proxy,
        upstream,
        received,
    }
}

/// A parsed answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: String,
}

impl Answer {
    /// The value of header `name` (case-insensitive), if present.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends `raw` bytes as they are and reads the answer (or what there is when the server closes).
pub(crate) async fn raw(addr: SocketAddr, raw: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(raw).await.unwrap();
    read_answer(&mut stream).await
}

/// Reads one answer from `stream`, within 5 seconds.
pub(crate) async fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut bytes = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut bytes)).await;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// A request to the proxy for `target_path`, with `Connection: close`.
pub(crate) fn request(
    method: &str,
    target_path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Vec<u8> {
    let mut text =
        format!("{method} {target_path} HTTP/1.1\r\nHost: proxy.local\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    text.into_bytes()
}

/// The SigV4 headers a signed console request carries, with the allowed origin.
pub(crate) fn signed_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Origin", ORIGIN),
        ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00"),
        ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        ("X-Amz-Date", "20260101T000000Z"),
        ("X-Amz-Security-Token", "token"),
    ]
}
