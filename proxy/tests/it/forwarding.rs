//! What the proxy forwards and passes back.

use crate::support::{raw, request, signed_headers, start, ORIGIN};

#[tokio::test]
async fn forwards_only_sigv4_headers_and_the_body_with_the_targets_host() {
    let rig = start().await;
    let mut headers = signed_headers();
    headers.push(("Cookie", "session=abc"));
    headers.push(("X-Forwarded-For", "10.0.0.1"));
    headers.push(("User-Agent", "browser"));
    let path = format!("/{}", rig.upstream_url());
    let answer = raw(
        rig.proxy,
        &request("POST", &path, &headers, "Action=DescribeDBClusters"),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body, "<DescribeDBClustersResponse/>");

    let received = rig.received.lock().unwrap()[0].clone();
    assert_eq!(received.body, "Action=DescribeDBClusters");
    assert_eq!(received.headers["host"], rig.upstream.to_string());
    for name in [
        "authorization",
        "content-type",
        "x-amz-date",
        "x-amz-security-token",
    ] {
        assert!(received.headers.contains_key(name), "{name} forwarded");
    }
    for name in ["cookie", "x-forwarded-for", "origin"] {
        assert!(
            !received.headers.contains_key(name),
            "{name} must not be forwarded"
        );
    }
    assert_ne!(
        received
            .headers
            .get("user-agent")
            .map(|v| v.to_str().unwrap()),
        Some("browser")
    );
}

#[tokio::test]
async fn passes_back_only_safe_headers_with_cors() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let answer = raw(rig.proxy, &request("POST", &path, &signed_headers(), "x")).await;
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(answer.header("vary"), Some("Origin"));
    assert_eq!(
        answer.header("access-control-expose-headers"),
        Some("x-amzn-RequestId, Date, x-proxy-refusal")
    );
    assert_eq!(answer.header("x-amzn-requestid"), Some("req-1"));
    assert_eq!(answer.header("content-type"), Some("text/xml"));
    assert_eq!(
        answer.header("set-cookie"),
        None,
        "Set-Cookie must not pass"
    );
    assert_eq!(answer.header("x-internal"), None);
    assert!(answer.header("x-proxy-refusal").is_none());
}

#[tokio::test]
async fn answers_preflight_for_allowed_origins_only() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let preflight = [
        ("Origin", ORIGIN),
        ("Access-Control-Request-Method", "POST"),
        ("Access-Control-Request-Headers", "authorization,x-evil"),
    ];
    let answer = raw(rig.proxy, &request("OPTIONS", &path, &preflight, "")).await;
    assert_eq!(answer.status, 204);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(
        answer.header("access-control-allow-methods"),
        Some("POST, GET")
    );
    assert_eq!(
        answer.header("access-control-allow-headers"),
        Some("authorization, content-type, x-amz-date, x-amz-security-token, x-amz-target, x-amzn-query-mode, x-amz-sso_bearer_token")
    );
    let other = [
        ("Origin", "https://evil.test"),
        ("Access-Control-Request-Method", "POST"),
    ];
    let answer = raw(rig.proxy, &request("OPTIONS", &path, &other, "")).await;
    assert_eq!(answer.status, 403);
    assert_eq!(answer.header("access-control-allow-origin"), None);
    assert_eq!(rig.hits(), 0, "preflights are never forwarded");
}

#[tokio::test]
async fn the_log_never_holds_secrets() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let log = Buffer(Arc::new(Mutex::new(Vec::new())));
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only test that installs a subscriber");
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let secret_signature = "Signature=5ec7e75ec7e75ec7e75ec7e7";
    let authorization = format!("AWS4-HMAC-SHA256 Credential=AKIDLOGTEST/20260101/us-east-1/rds/aws4_request, SignedHeaders=host, {secret_signature}");
    let headers = [
        ("Origin", ORIGIN),
        ("Authorization", authorization.as_str()),
        ("X-Amz-Security-Token", "SESSION-TOKEN-MUST-NOT-BE-LOGGED"),
    ];
    let answer = raw(
        rig.proxy,
        &request("POST", &path, &headers, "Action=DescribeDBClusters"),
    )
    .await;
    assert_eq!(answer.status, 200);
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("proxied"), "the request is logged: {text}");
    for secret in [
        secret_signature,
        "SESSION-TOKEN-MUST-NOT-BE-LOGGED",
        "AKIDLOGTEST",
        "Action=DescribeDBClusters",
    ] {
        assert!(
            !text.contains(secret),
            "{secret} leaked into the log: {text}"
        );
    }
}

#[tokio::test]
async fn sign_in_calls_pass_with_their_path_query_and_bearer_token_only() {
    let rig = start().await;
    let base = format!("/{}", rig.upstream_url());
    let bearer = [
        ("Origin", ORIGIN),
        ("x-amz-sso_bearer_token", "TOKEN-1"),
        (
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=not/for/the/portal",
        ),
        ("Cookie", "session=abc"),
    ];
    let path = format!(
        "{base}assignment/roles?account_id=111122223333&max_result=100&next_token=a%2Fb%2B%3D"
    );
    let answer = raw(rig.proxy, &request("GET", &path, &bearer, "")).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let json = [("Origin", ORIGIN), ("Content-Type", "application/json")];
    let body = r#"{"clientName": "backtrack-console", "clientType": "public"}"#;
    let answer = raw(
        rig.proxy,
        &request("POST", &format!("{base}client/register"), &json, body),
    )
    .await;
    assert_eq!(answer.status, 200, "{answer:?}");

    let received = rig.received.lock().unwrap().clone();
    let (get, post) = (&received[0], &received[1]);
    assert_eq!(get.method, "GET");
    assert_eq!(
        get.uri.to_string(),
        "/assignment/roles?account_id=111122223333&max_result=100&next_token=a%2Fb%2B%3D"
    );
    assert_eq!(get.headers["x-amz-sso_bearer_token"], "TOKEN-1");
    for name in ["authorization", "cookie", "origin"] {
        assert!(
            !get.headers.contains_key(name),
            "{name} must not reach the portal"
        );
    }
    assert_eq!(
        (post.method.as_str(), post.uri.path()),
        ("POST", "/client/register")
    );
    assert_eq!(post.body, body.as_bytes());
    assert_eq!(post.headers["content-type"], "application/json");
}

#[tokio::test]
async fn sign_in_paths_take_only_their_method_and_parameters() {
    let rig = start().await;
    let base = format!("/{}", rig.upstream_url());
    let origin = [("Origin", ORIGIN)];
    for (method, path, status) in [
        ("POST", "assignment/accounts", 405),
        ("GET", "token", 405),
        ("GET", "", 405),
        ("GET", "assignment/accounts?max_result=100&evil=1", 403),
        ("GET", "assignment/accounts?max_result=%zz", 403),
        ("GET", "assignment/accounts?max_result=1+0", 403),
        ("POST", "token?x=1", 403),
        ("GET", "admin", 403),
        ("GET", "assignment/accounts/../../admin", 403),
    ] {
        let answer = raw(
            rig.proxy,
            &request(method, &format!("{base}{path}"), &origin, ""),
        )
        .await;
        assert_eq!(answer.status, status, "{method} {path}: {answer:?}");
    }
    assert_eq!(rig.hits(), 0, "nothing reached the upstream");
}
