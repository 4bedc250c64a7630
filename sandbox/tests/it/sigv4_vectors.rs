//! The sandbox's own SigV4 verifier against the official test-suite vectors.

use rds_sandbox::config::CredentialSet;
use rds_sandbox::sigv4::{self, AuthFailure, Authorization, Request};
use std::path::PathBuf;

struct Case {
    dir: PathBuf,
}

impl Case {
    fn v4(name: &str) -> Self {
        Self {
            dir: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../testdata/aws-signing-test-suite/v4")
                .join(name),
        }
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.dir.join(file))
            .unwrap()
            .replace("\r\n", "\n")
    }

    fn context(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("context.json")).unwrap()
    }

    /// The signed request of the suite, as (method, path, headers, body).
    fn signed(&self) -> (String, String, Vec<(String, String)>, String) {
        let text = self.read("header-signed-request.txt");
        let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let first: Vec<&str> = lines.next().unwrap().split(' ').collect();
        let headers = lines
            .map(|l| l.split_once(':').unwrap())
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        (
            first[0].to_owned(),
            first[1].to_owned(),
            headers,
            body.to_owned(),
        )
    }

    fn credentials(&self) -> Vec<CredentialSet> {
        let c = &self.context()["credentials"];
        vec![CredentialSet {
            access_key_id: c["access_key_id"].as_str().unwrap().into(),
            secret_access_key: c["secret_access_key"].as_str().unwrap().into(),
            session_token: c["token"].as_str().map(Into::into),
            expired: false,
            arn: None,
            refused: Vec::new(),
        }]
    }

    fn time(&self) -> i64 {
        sigv4::parse_amz_date(
            &self.context()["timestamp"]
                .as_str()
                .unwrap()
                .replace(['-', ':'], ""),
        )
        .unwrap()
    }

    fn check(&self) {
        let (method, path, headers, body) = self.signed();
        let request = Request {
            method: &method,
            path: &path,
            query: "",
            headers: headers.clone(),
            body: body.as_bytes(),
        };
        let auth_value = &headers
            .iter()
            .find(|(k, _)| k == "Authorization")
            .unwrap()
            .1;
        let auth = Authorization::parse(auth_value).unwrap();
        let canonical = sigv4::canonical_request(&request, &auth.signed_headers);
        assert_eq!(canonical, self.read("header-canonical-request.txt"));
        let amz_date = &headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("x-amz-date"))
            .unwrap()
            .1;
        assert_eq!(
            sigv4::string_to_sign(amz_date, &auth, &canonical),
            self.read("header-string-to-sign.txt")
        );
        let creds = self.credentials();
        assert!(sigv4::verify(&request, &creds, self.time()).is_ok());

        let tampered = Request {
            body: b"Param1=value2",
            ..request.clone()
        };
        assert_eq!(
            sigv4::verify(&tampered, &creds, self.time()).unwrap_err(),
            AuthFailure::Mismatch
        );
        let wrong_secret = vec![CredentialSet {
            secret_access_key: "nope".into(),
            ..creds[0].clone()
        }];
        assert_eq!(
            sigv4::verify(&request, &wrong_secret, self.time()).unwrap_err(),
            AuthFailure::Mismatch
        );
        assert!(matches!(
            sigv4::verify(&request, &creds, self.time() + 301),
            Err(AuthFailure::Expired { .. })
        ));
        assert!(matches!(
            sigv4::verify(&request, &creds, self.time() - 301),
            Err(AuthFailure::NotYetCurrent { .. })
        ));
    }
}

#[test]
fn get_vanilla() {
    Case::v4("get-vanilla").check();
}

#[test]
fn post_vanilla() {
    Case::v4("post-vanilla").check();
}

#[test]
fn post_header_key_sort() {
    Case::v4("post-header-key-sort").check();
}

#[test]
fn post_x_www_form_urlencoded() {
    Case::v4("post-x-www-form-urlencoded").check();
}

#[test]
fn post_x_www_form_urlencoded_parameters() {
    Case::v4("post-x-www-form-urlencoded-parameters").check();
}

#[test]
fn post_sts_header_before() {
    Case::v4("post-sts-header-before").check();
}

#[test]
fn unknown_keys_and_missing_tokens_are_told_apart() {
    let case = Case::v4("post-sts-header-before");
    let (method, path, headers, body) = case.signed();
    let without_token: Vec<_> = headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("x-amz-security-token"))
        .cloned()
        .collect();
    let request = Request {
        method: &method,
        path: &path,
        query: "",
        headers: without_token,
        body: body.as_bytes(),
    };
    assert_eq!(
        sigv4::verify(&request, &case.credentials(), case.time()).unwrap_err(),
        AuthFailure::BadToken
    );
    let other = vec![CredentialSet {
        access_key_id: "OTHER".into(),
        ..case.credentials()[0].clone()
    }];
    assert_eq!(
        sigv4::verify(&request, &other, case.time()).unwrap_err(),
        AuthFailure::UnknownKey
    );
}
