//! The few things the console asks of the browser: the clock, the time zone, timers, storage and
//! the clipboard. Everything else stays in plain Rust.

use crate::rds::target_time::LocalZone;
use crate::rds::time::Timestamp;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// This computer's clock (uncorrected).
pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

/// The browser's time zone, including daylight saving time.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserZone;

impl LocalZone for BrowserZone {
    fn offset_minutes_at(&self, utc: Timestamp) -> i64 {
        let date = js_sys::Date::new(&JsValue::from_f64(utc.millis() as f64));
        -(date.get_timezone_offset() as i64)
    }
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
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
