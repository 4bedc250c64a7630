//! Mounts the console into the page.

fn main() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "bench")]
    backtrack_console::bench::install();
    leptos::mount::mount_to_body(backtrack_console::App);
}
