//! The console's signer against `aws_sigv4::http_request::sign`: for random bodies, regions,
//! services, hosts (with and without ports), session tokens and times, the `Authorization`,
//! `x-amz-date` and `x-amz-security-token` headers are identical.

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use proptest::prelude::*;
use rds_core::credentials::Credentials;
use rds_core::sign::{sign_request, RequestToSign};

/// The Query protocol's content type.
const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";
use rds_core::time::Timestamp;

/// The headers each service's requests carry besides those the signer adds.
fn service_headers(service: &str) -> Vec<(&'static str, &'static str)> {
    match service {
        "monitoring" => vec![
            ("content-type", "application/x-amz-json-1.0"),
            (
                "x-amz-target",
                "GraniteServiceVersion20100801.GetMetricData",
            ),
        ],
        _ => vec![("content-type", CONTENT_TYPE)],
    }
}

/// What aws-sigv4's own request signer adds for the same request.
fn reference(
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    region: &str,
    service: &str,
    credentials: &Credentials,
    at: Timestamp,
) -> Vec<(String, String)> {
    let identity: Identity = aws_credential_types::Credentials::new(
        &credentials.access_key_id,
        &credentials.secret_access_key,
        credentials.session_token.clone(),
        None,
        "parity-test",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(at.to_system_time())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        "POST",
        url,
        headers.iter().copied(),
        SignableBody::Bytes(body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let (signed, _) = instructions.into_parts();
    signed
        .into_iter()
        .map(|h| (h.name().to_owned(), h.value().to_owned()))
        .collect()
}

fn host_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{2}-[a-z]{4,9}-[1-9]".prop_flat_map(|region| {
            prop::sample::select(vec!["rds", "sts", "monitoring", "rds-fips"])
                .prop_map(move |service| format!("{service}.{region}.amazonaws.com"))
        }),
        Just("127.0.0.1".to_owned()),
        Just("localhost".to_owned()),
        "[a-z][a-z0-9-]{0,20}(\\.[a-z][a-z0-9-]{0,10}){0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn authorization_is_identical_to_aws_sigv4(
        body in prop::collection::vec(any::<u8>(), 0..512),
        region in "[a-z]{2}-[a-z]{4,9}-[1-9]",
        service in prop::sample::select(vec!["rds", "sts", "monitoring"]),
        scheme in prop::sample::select(vec!["https", "http"]),
        host in host_strategy(),
        port in prop::option::of(prop_oneof![Just(80u16), Just(443u16), 1u16..=65535]),
        access_key_id in "(AKIA|ASIA)[A-Z0-9]{16}",
        secret in "[A-Za-z0-9/+]{40}",
        session_token in prop::option::of("[A-Za-z0-9/+=]{1,400}"),
        millis in 0i64..4_102_444_800_000,
    ) {
        let url = match port {
            Some(port) => format!("{scheme}://{host}:{port}/"),
            None => format!("{scheme}://{host}/"),
        };
        let credentials = Credentials {
            access_key_id,
            secret_access_key: secret,
            session_token,
            expires_at: None,
        };
        let at = Timestamp::from_millis(millis);
        let headers = service_headers(service);
        let ours = sign_request(
            &RequestToSign {
                method: "POST",
                url: &url,
                headers: &headers,
                body: &body,
                region: &region,
                service,
                payload_hash_header: false,
            },
            &credentials,
            at,
        )
        .unwrap();
        let theirs = reference(&url, &headers, &body, &region, service, &credentials, at);
        let ours: Vec<(String, String)> = ours
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        let find = |list: &[(String, String)], name: &str| {
            list.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
        };
        for name in ["authorization", "x-amz-date", "x-amz-security-token"] {
            prop_assert_eq!(find(&ours, name), find(&theirs, name), "{} for {}", name, url);
        }
        prop_assert_eq!(ours.len(), theirs.len());
    }
}
