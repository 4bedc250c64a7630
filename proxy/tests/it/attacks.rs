//! The attack suite: every request here is refused, and the upstream log stays empty.

use crate::support::{raw, read_answer, request, signed_headers, start, ORIGIN};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

#[tokio::test]
async fn targets_outside_the_allowlist_are_refused_and_never_reached() {
    let rig = start().await;
    let up = rig.upstream;
    let port = up.port();
    let paths = [
        "/https://rds.us-east-1.amazonaws.com.evil.test/".to_owned(),
        "/https://rds.us-east-1.amazonaws.com@evil.test/".to_owned(),
        format!("/http://evil.test@{up}/"),
        format!("/http://{up}@evil.test/"),
        format!("/http://{up}/other"),
        format!("/http://{up}/?a=b"),
        format!("/http://{up}"),
        format!("/https://{up}/"),
        format!("/http://127.0.0.1:{}/", port.wrapping_add(1).max(1)),
        format!("/http://localhost:{port}/"),
        format!("/http://2130706433:{port}/"),
        format!("/http://0x7f000001:{port}/"),
        format!("/http://0177.0.0.1:{port}/"),
        format!("/http://127.1:{port}/"),
        format!("/http://0:{port}/"),
        format!("/http://[::1]:{port}/"),
        format!("/http://[::ffff:127.0.0.1]:{port}/"),
        format!("/http://127.0.0.1:0{port}/"),
        format!("/http:%2F%2F{up}/"),
        format!("/ftp://{up}/"),
        format!("/ws://{up}/"),
        format!("//{up}/"),
        format!("/{up}/"),
        "/https://169.254.169.254/".to_owned(),
        "/http://169.254.169.254/latest/meta-data/".to_owned(),
        "/https://evil.test/".to_owned(),
        "/https://sts.amazonaws.com/".to_owned(),
        "/https://s3.us-east-1.amazonaws.com/".to_owned(),
        "/https://sts.us-east-1.amazonaws.com.evil.test/".to_owned(),
        "/https://monitoring.us-east-1.amazonaws.com@evil.test/".to_owned(),
        "/http://sts.us-east-1.amazonaws.com/".to_owned(),
        "/https://monitoring.us-east-1.amazonaws.com:8443/".to_owned(),
        "/".to_owned(),
    ];
    for path in &paths {
        let answer = raw(
            rig.proxy,
            &request("POST", path, &signed_headers(), "Action=X"),
        )
        .await;
        assert!(matches!(answer.status, 400 | 403), "{path}: {answer:?}");
        if answer.status == 403 {
            assert_eq!(answer.header("x-proxy-refusal"), Some("1"), "{path}");
        }
    }
    let absolute = format!("POST http://{up}/ HTTP/1.1\r\nHost: {up}\r\nOrigin: {ORIGIN}\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
    let answer = raw(rig.proxy, absolute.as_bytes()).await;
    assert!(
        matches!(answer.status, 400 | 403),
        "absolute-form request line: {answer:?}"
    );
    assert_eq!(rig.hits(), 0, "nothing reached the upstream");
}

#[tokio::test]
async fn other_methods_and_origins_are_refused() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    for method in ["GET", "PUT", "DELETE", "PATCH", "HEAD", "CONNECT", "TRACE"] {
        let answer = raw(rig.proxy, &request(method, &path, &signed_headers(), "")).await;
        assert!(matches!(answer.status, 400 | 405), "{method}: {answer:?}");
    }
    let mut no_origin = signed_headers();
    no_origin.retain(|(k, _)| *k != "Origin");
    let answer = raw(rig.proxy, &request("POST", &path, &no_origin, "x")).await;
    assert_eq!(answer.status, 403);
    let mut evil = signed_headers();
    evil[0] = ("Origin", "http://127.0.0.1:8080.evil.test");
    let answer = raw(rig.proxy, &request("POST", &path, &evil, "x")).await;
    assert_eq!(answer.status, 403);
    assert_eq!(answer.header("access-control-allow-origin"), None);
    assert_eq!(rig.hits(), 0);
}

#[tokio::test]
async fn crlf_cannot_smuggle_headers_or_hosts() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let mut headers = signed_headers();
    headers.push((
        "X-Amz-Date",
        "20260101T000000Z\r\nHost: evil.test\r\nX-Injected: 1",
    ));
    let answer = raw(rig.proxy, &request("POST", &path, &headers, "x")).await;
    if answer.status == 200 {
        let received = rig.received.lock().unwrap()[0].clone();
        assert_eq!(received.headers["host"], rig.upstream.to_string());
        assert!(!received.headers.contains_key("x-injected"));
    } else {
        assert_eq!(answer.status, 400, "{answer:?}");
    }
    let bare_cr = format!("POST {path} HTTP/1.1\r\nHost: p\r\nOrigin: {ORIGIN}\r\nX-Amz-Date: a\rX-Injected: 1\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");
    let before = rig.hits();
    let answer = raw(rig.proxy, bare_cr.as_bytes()).await;
    assert_eq!(answer.status, 400, "{answer:?}");
    assert_eq!(rig.hits(), before);
    let encoded = format!("/{}%0d%0aX-Injected:%201", rig.upstream_url());
    let answer = raw(
        rig.proxy,
        &request("POST", &encoded, &signed_headers(), "x"),
    )
    .await;
    assert_eq!(answer.status, 403);
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let big = "a".repeat(2000);
    let answer = raw(rig.proxy, &request("POST", &path, &signed_headers(), &big)).await;
    assert_eq!(answer.status, 413, "{answer:?}");
    let mut chunked = format!("POST {path} HTTP/1.1\r\nHost: p\r\nOrigin: {ORIGIN}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
    for _ in 0..3 {
        chunked.push_str(&format!("{:x}\r\n{}\r\n", 600, "b".repeat(600)));
    }
    chunked.push_str("0\r\n\r\n");
    let answer = raw(rig.proxy, chunked.as_bytes()).await;
    assert_eq!(answer.status, 413, "{answer:?}");
    assert_eq!(rig.hits(), 0);
}

#[tokio::test]
async fn slow_clients_are_cut_off() {
    let rig = start().await;
    let started = Instant::now();
    let mut stream = TcpStream::connect(rig.proxy).await.unwrap();
    stream.write_all(b"POST /http://").await.unwrap();
    let answer = read_answer(&mut stream).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "slow headers closed: {answer:?}"
    );

    let path = format!("/{}", rig.upstream_url());
    let mut stream = TcpStream::connect(rig.proxy).await.unwrap();
    let head = format!("POST {path} HTTP/1.1\r\nHost: p\r\nOrigin: {ORIGIN}\r\nContent-Length: 100\r\nConnection: close\r\n\r\nonly-a-little");
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream).await;
    assert_eq!(answer.status, 408, "{answer:?}");
    assert_eq!(rig.hits(), 0);
}

#[tokio::test]
async fn upstream_redirects_are_not_followed() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let answer = raw(
        rig.proxy,
        &request("POST", &path, &signed_headers(), "redirect"),
    )
    .await;
    assert_eq!(answer.status, 502, "{answer:?}");
    assert_eq!(answer.header("location"), None);
    assert!(answer.body.contains("redirect"));
    assert_eq!(rig.hits(), 1, "only the first request reached the upstream");
}

#[tokio::test]
async fn slow_upstreams_time_out() {
    let rig = start().await;
    let path = format!("/{}", rig.upstream_url());
    let answer = raw(
        rig.proxy,
        &request("POST", &path, &signed_headers(), "slow"),
    )
    .await;
    assert_eq!(answer.status, 504, "{answer:?}");
}
