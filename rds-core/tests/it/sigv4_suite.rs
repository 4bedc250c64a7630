//! The official SigV4 test-suite cases that matter to RDS (form-encoded POST, session token),
//! signed with the console's signer. Vectors: `../testdata/aws-signing-test-suite/` (see its README).

use rds_core::credentials::Credentials;
use rds_core::sign::{sign_request, RequestToSign};
use rds_core::time::Timestamp;
use std::path::PathBuf;

/// One case directory of the suite, read with CRLF normalised.
struct SuiteCase {
    dir: PathBuf,
}

impl SuiteCase {
    fn v4(name: &str) -> Self {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/aws-signing-test-suite/v4")
            .join(name);
        Self { dir }
    }

    fn read(&self, file: &str) -> String {
        let path = self.dir.join(file);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .replace("\r\n", "\n")
    }

    /// Signs `request.txt` as `context.json` says and checks the expected `Authorization`.
    fn check(&self) {
        let context: serde_json::Value = serde_json::from_str(&self.read("context.json")).unwrap();
        let request = self.read("request.txt");
        let (head, body) = request.split_once("\n\n").unwrap_or((&request, ""));
        let mut lines = head.lines();
        let request_line: Vec<&str> = lines.next().unwrap().split(' ').collect();
        let headers: Vec<(String, String)> = lines
            .map(|l| l.split_once(':').unwrap())
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
            .collect();
        let host = &headers.iter().find(|(k, _)| k == "host").unwrap().1;
        let url = format!("https://{host}{}", request_line[1]);
        let other: Vec<(&str, &str)> = headers
            .iter()
            .filter(|(k, _)| k != "host")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let creds = &context["credentials"];
        let credentials = Credentials {
            access_key_id: creds["access_key_id"].as_str().unwrap().into(),
            secret_access_key: creds["secret_access_key"].as_str().unwrap().into(),
            session_token: creds["token"].as_str().map(Into::into),
            expires_at: None,
        };
        let at = Timestamp::parse_iso(context["timestamp"].as_str().unwrap()).unwrap();
        let to_sign = RequestToSign {
            method: request_line[0],
            url: &url,
            headers: &other,
            body: body.as_bytes(),
            region: context["region"].as_str().unwrap(),
            service: context["service"].as_str().unwrap(),
            payload_hash_header: context["sign_body"].as_bool().unwrap_or(false),
        };
        let signed = sign_request(&to_sign, &credentials, at).unwrap();
        let authorization = &signed
            .iter()
            .find(|(k, _)| *k == "authorization")
            .unwrap()
            .1;
        let expected_signature = self.read("header-signature.txt");
        assert!(
            authorization.ends_with(&format!("Signature={}", expected_signature.trim())),
            "{authorization}"
        );
        let expected_line = self
            .read("header-signed-request.txt")
            .lines()
            .find_map(|l| l.strip_prefix("Authorization:").map(str::to_owned))
            .unwrap();
        assert_eq!(authorization, &expected_line);
    }
}

#[test]
fn get_vanilla() {
    SuiteCase::v4("get-vanilla").check();
}

#[test]
fn post_vanilla() {
    SuiteCase::v4("post-vanilla").check();
}

#[test]
fn post_header_key_sort() {
    SuiteCase::v4("post-header-key-sort").check();
}

#[test]
fn post_x_www_form_urlencoded() {
    SuiteCase::v4("post-x-www-form-urlencoded").check();
}

#[test]
fn post_x_www_form_urlencoded_parameters() {
    SuiteCase::v4("post-x-www-form-urlencoded-parameters").check();
}

#[test]
fn post_sts_header_before() {
    SuiteCase::v4("post-sts-header-before").check();
}
