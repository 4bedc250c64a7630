//! Mounts the console into the page.

/// Talc instead of Rust's default dlmalloc: fewer wasm bytes and a faster start.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "bench")]
    backtrack_console::bench::install();
    leptos::mount::mount_to_body(backtrack_console::App);
}
