//! Component tests: the console's components mounted in headless Chromium.
#![cfg(target_arch = "wasm32")]

use backtrack_console::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_app_mounts_with_its_heading() {
    let parent = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&parent).unwrap();
    let _handle = leptos::mount::mount_to(parent.clone().unchecked_into(), App);
    let heading = parent.query_selector("h1").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Backtrack Console");
}
