//! Where each piece listens on the loopback interface, and the origins the console is served from.

/// `trunk serve` (Trunk.toml's `[serve] port`) and `cargo xtask dev`'s console.
pub const CONSOLE: u16 = 8080;
/// The CORS proxy.
pub const PROXY: u16 = 8787;
/// The RDS sandbox.
pub const SANDBOX: u16 = 4566;

/// The browser origins of a console served on `port`: by address and by name.
pub fn console_origins(port: u16) -> [String; 2] {
    [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ]
}

/// `http://127.0.0.1:{port}/`.
pub fn loopback_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_serves_on_the_console_port() {
        let trunk = include_str!("../../Trunk.toml");
        assert!(
            trunk.contains(&format!("port = {CONSOLE}")),
            "Trunk.toml's [serve] port must be {CONSOLE}"
        );
    }

    #[test]
    fn origins_have_no_trailing_slash() {
        assert_eq!(
            console_origins(8080),
            ["http://127.0.0.1:8080", "http://localhost:8080"]
        );
    }
}
