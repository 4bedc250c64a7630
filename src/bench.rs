//! Built only with the `bench` feature (`cargo xtask bench`): puts `window.benchCall` on the page,
//! which encodes, signs and parses one `BacktrackDBCluster` call with the core, answered by a
//! canned response instead of the network, so the benchmark can time it in the browser.

use rds_core::credentials::Credentials;
use rds_core::model::{BacktrackRequest, ClusterId};
use rds_core::operation::Call;
use rds_core::sign;
use rds_core::time::Timestamp;
use wasm_bindgen::prelude::*;

/// The answer every benchmark call parses (the same file the peer pages parse).
const CANNED: &str = include_str!("../bench/backtrack-response.xml");

/// Defines `window.benchCall()`.
pub fn install() {
    let call = Closure::<dyn Fn() -> JsValue>::new(|| JsValue::from_bool(encode_sign_parse()));
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"benchCall".into(), call.as_ref());
    }
    call.forget();
}

/// One call's work; true when the answer was read.
fn encode_sign_parse() -> bool {
    let credentials = Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: Some("FQoGZXIvYXdzEXAMPLETOKEN".into()),
        expires_at: None,
    };
    let Ok(cluster) = ClusterId::parse("my-cluster1") else {
        return false;
    };
    let request = BacktrackRequest {
        cluster,
        backtrack_to: Timestamp::from_secs(1_499_536_800),
        force: false,
        use_earliest_time_on_point_in_time_unavailable: true,
    };
    let body = request.body();
    let signed = sign::sign_call(
        BacktrackRequest::OPERATION,
        "https://rds.us-east-1.amazonaws.com/",
        "us-east-1",
        &body,
        &credentials,
        crate::browser::now(),
    );
    signed.is_ok() && request.read(CANNED).is_ok()
}
