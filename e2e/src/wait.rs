//! The one way the end-to-end code waits: poll until something is seen, up to a limit.

use std::future::Future;
use std::time::{Duration, Instant};

/// How often a probe is repeated.
const EVERY: Duration = Duration::from_millis(120);

/// A probe's error that ends the wait at once: what is awaited can no longer happen.
#[derive(Debug)]
pub struct Hopeless(pub String);

impl std::fmt::Display for Hopeless {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Hopeless {}

/// Runs `probe` until it returns `Ok`, at most for `limit`; then fails with the probe's last error,
/// which says what was seen instead. A [`Hopeless`] error fails at once.
pub async fn until<T, F, Fut>(limit: Duration, mut probe: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        match probe().await {
            Ok(seen) => return Ok(seen),
            Err(hopeless) if hopeless.is::<Hopeless>() => return Err(hopeless),
            Err(last) if Instant::now() >= deadline => {
                return Err(last.context(format!("still so after {limit:?}")))
            }
            Err(_) => tokio::time::sleep(EVERY).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::bail;

    #[tokio::test]
    async fn returns_the_first_success() {
        let mut calls = 0;
        let seen = until(Duration::from_secs(5), || {
            calls += 1;
            let n = calls;
            async move {
                if n < 3 {
                    bail!("only {n}")
                }
                Ok(n)
            }
        })
        .await
        .unwrap();
        assert_eq!(seen, 3);
    }

    #[tokio::test]
    async fn a_hopeless_probe_ends_the_wait_at_once() {
        let started = Instant::now();
        let error = until(Duration::from_secs(30), || async {
            Err::<(), _>(Hopeless("the server exited".into()).into())
        })
        .await
        .unwrap_err();
        assert_eq!(error.to_string(), "the server exited");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn fails_with_the_last_observation() {
        let error = until(Duration::from_millis(300), || async {
            bail!("nothing yet")
        })
        .await
        .map(|(): ()| "seen")
        .unwrap_err();
        assert_eq!(error.root_cause().to_string(), "nothing yet");
        assert!(format!("{error:#}").contains("still so after 300ms"));
    }
}
