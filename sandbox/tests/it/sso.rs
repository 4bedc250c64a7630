//! IAM Identity Center over HTTP, with the requests `rds_core::sso` writes: the device
//! authorization from a pending code to a token, the portal's pages, role credentials the
//! sandbox's STS accepts until they expire, denied and expired codes, and no CORS headers.

use crate::support::{between, call, start, Signer};
use rds_core::sso::oidc::{
    ClientRegistration, CreateToken, DeviceAuthorization, RegisterClient, StartDeviceAuthorization,
    Token,
};
use rds_core::sso::portal::{GetRoleCredentials, ListAccountRoles, ListAccounts};
use rds_core::sso::{SsoCall, SsoError};
use rds_sandbox::config::{Config, SsoConfig, SSO_START_URL};
use std::time::Duration;

/// Sends `call`'s request to the sandbox at `url`; the answer read, or the error it names.
async fn send<C: SsoCall>(url: &str, call: &C) -> Result<C::Answer, SsoError> {
    let request = call.request();
    let target = format!("{}{}", url.trim_end_matches('/'), request.path_and_query);
    let mut builder = reqwest::Client::new().request(request.method.parse().unwrap(), &target);
    for (name, value) in request.headers() {
        builder = builder.header(name, value);
    }
    if let Some(body) = &request.body {
        builder = builder.body(body.clone());
    }
    let response = builder.send().await.unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none(),
        "IAM Identity Center sends no CORS headers"
    );
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    if status == 200 {
        call.read(&body)
    } else {
        Err(SsoError::from_answer(status, &body))
    }
}

async fn approve(url: &str, code: &str, action: &str) {
    let status = reqwest::Client::new()
        .post(format!("{url}_sandbox/sso/{code}/{action}"))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200, "{action} {code}");
}

async fn register_and_start(url: &str) -> (ClientRegistration, DeviceAuthorization) {
    let client = send(
        url,
        &RegisterClient {
            client_name: "backtrack-console".into(),
        },
    )
    .await
    .unwrap();
    let start = StartDeviceAuthorization {
        client: client.clone(),
        start_url: SSO_START_URL.into(),
    };
    (client, send(url, &start).await.unwrap())
}

fn poll(client: &ClientRegistration, device: &DeviceAuthorization) -> CreateToken {
    CreateToken {
        client: client.clone(),
        device_code: device.device_code.clone(),
    }
}

#[tokio::test]
async fn sign_in_choose_a_role_and_use_its_credentials_until_they_expire() {
    let sandbox = start(Config {
        sso: SsoConfig {
            credentials_lifetime: Duration::from_secs(2),
            ..SsoConfig::new()
        },
        ..Config::new()
    })
    .await;
    let url = &sandbox.url;
    let (client, device) = register_and_start(url).await;
    assert!(device.verification_uri_complete.ends_with(&format!(
        "/_sandbox/sso/verify?user_code={}",
        device.user_code
    )));
    assert_eq!(
        send(url, &poll(&client, &device)).await,
        Err(SsoError::AuthorizationPending)
    );
    approve(url, &device.user_code, "slow-down").await;
    assert_eq!(
        send(url, &poll(&client, &device)).await,
        Err(SsoError::SlowDown)
    );
    approve(url, &device.user_code, "approve").await;
    let Token { access_token, .. } = send(url, &poll(&client, &device)).await.unwrap();

    // Two accounts, a page each.
    let mut accounts = ListAccounts {
        token: access_token.clone(),
        next_token: None,
    };
    let first = send(url, &accounts).await.unwrap();
    accounts.next_token = first.next_token.clone();
    let second = send(url, &accounts).await.unwrap();
    let names: Vec<_> = first
        .account_list
        .iter()
        .chain(&second.account_list)
        .map(|a| a.account_name.as_str())
        .collect();
    assert_eq!(
        (names, second.next_token),
        (vec!["orders-prod", "staging"], None)
    );
    let prod = &first.account_list[0].account_id;

    let mut roles = ListAccountRoles {
        token: access_token.clone(),
        account_id: prod.clone(),
        next_token: None,
    };
    let page = send(url, &roles).await.unwrap();
    assert_eq!(page.role_list[0].role_name, "DBA");
    roles.next_token = page.next_token;
    assert_eq!(
        send(url, &roles).await.unwrap().role_list[0].role_name,
        "ReadOnly"
    );

    let credentials = send(
        url,
        &GetRoleCredentials {
            token: access_token,
            role_name: "DBA".into(),
            account_id: prod.clone(),
        },
    )
    .await
    .unwrap();
    let sts = Signer {
        key: credentials.access_key_id.clone(),
        secret: credentials.secret_access_key.clone(),
        token: credentials.session_token.clone(),
        service: "sts",
        ..Signer::sandbox()
    };
    let identity = [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")];
    let answer = call(url, &sts, &identity).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        between(&answer.body, "<Arn>", "<"),
        Some("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DBA_0123456789abcdef/dba@example.com")
    );
    assert_eq!(
        between(&answer.body, "<Account>", "<"),
        Some("111122223333")
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let expired = call(url, &sts, &identity).await;
    assert_eq!((expired.status, expired.code()), (403, "ExpiredToken"));

    // The log names the calls and keeps neither the token nor a secret.
    let log = reqwest::get(format!("{url}_sandbox/requests"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(log.contains("\"GetRoleCredentials\"") && log.contains("\"CreateToken\""));
    for secret in [
        &client.client_secret,
        &device.device_code,
        &credentials.secret_access_key,
    ] {
        assert!(!log.contains(secret.as_str()), "the log holds a secret");
    }
}

#[tokio::test]
async fn denied_and_expired_codes_end_the_sign_in_and_the_portal_wants_a_token() {
    let sandbox = start(Config::new()).await;
    let url = &sandbox.url;
    let (client, device) = register_and_start(url).await;
    approve(url, &device.user_code, "deny").await;
    assert_eq!(
        send(url, &poll(&client, &device)).await,
        Err(SsoError::AccessDenied)
    );

    let (client, device) = register_and_start(url).await;
    approve(url, &device.user_code, "expire").await;
    assert_eq!(
        send(url, &poll(&client, &device)).await,
        Err(SsoError::ExpiredToken)
    );

    let stranger = StartDeviceAuthorization {
        client: ClientRegistration {
            client_secret: "not-the-secret".into(),
            ..client.clone()
        },
        start_url: SSO_START_URL.into(),
    };
    assert!(matches!(
        send(url, &stranger).await,
        Err(SsoError::Refused { status: 401, ref code, .. }) if code == "invalid_client"
    ));
    let elsewhere = StartDeviceAuthorization {
        client,
        start_url: "https://another-team.awsapps.com/start".into(),
    };
    assert!(matches!(
        send(url, &elsewhere).await,
        Err(SsoError::Refused { status: 400, .. })
    ));

    let guess = ListAccounts {
        token: rds_core::sso::AccessToken::new("a-guessed-token".into()),
        next_token: None,
    };
    assert_eq!(send(url, &guess).await, Err(SsoError::Unauthorized));
}
