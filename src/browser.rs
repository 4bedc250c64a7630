//! The few things the console asks of the browser: the clock, timers, storage, the clipboard,
//! the page's address and focus.
//! The local time zone is `chrono::Local`, which reads the browser's through `wasmbind`.

use rds_core::time::Timestamp;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// This computer's clock (uncorrected), read by chrono from the browser's `Date.now()`.
pub fn now() -> Timestamp {
    Timestamp::from_chrono(&chrono::Utc::now())
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Reads a setting from localStorage (never used for secrets).
pub fn load_setting(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes a setting to localStorage (never used for secrets).
pub fn save_setting(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Copies `text` to the clipboard; false if the browser refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// The page's address without its fragment.
pub fn address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((address, _)) => address.to_owned(),
        None => href,
    }
}

/// The page's fragment (`#…`), if it has one.
pub fn fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    (!hash.is_empty()).then_some(hash)
}

/// Moves keyboard focus to the element with `id`, if there is one.
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
