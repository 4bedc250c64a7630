//! The end-to-end suite: every scenario drives the release console in headless Chromium, as a
//! user would, against its own sandbox and proxy. See `e2e/README.md`.
//!
//! libtest-mimic gives it the usual test flags: a name filter, `--exact`, `--skip`, `--list`.

mod fixtures;
mod scenarios;

use fixtures::{rig, AppWorld};
use libtest_mimic::{Arguments, Failed, Trial};
use scenarios::Scenario;
use std::sync::Arc;
use tokio::runtime::Runtime;
use tokio::sync::OnceCell;

/// What all scenarios share: the runtime, the served `dist/` and ChromeDriver (started on first use,
/// so `--list` starts nothing).
struct Shared {
    runtime: Runtime,
    rig: OnceCell<(rig::Site, e2e::chrome::Driver)>,
}

fn main() -> anyhow::Result<()> {
    let mut args = Arguments::from_args();
    // One at a time: the site's same-origin route points at one scenario's sandbox.
    args.test_threads.get_or_insert(1);
    let _ = std::fs::remove_dir_all(fixtures::out_dir()?);
    let shared = Arc::new(Shared {
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?,
        rig: OnceCell::new(),
    });
    let trials = scenarios::all()
        .into_iter()
        .map(|scenario| {
            let shared = shared.clone();
            Trial::test(scenario.name, move || {
                shared
                    .runtime
                    .block_on(run(&shared, scenario))
                    .map_err(|e| Failed::from(format!("{e:#}")))
            })
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    // `exit` runs no destructors: stop ChromeDriver and the site first.
    if let Ok(shared) = Arc::try_unwrap(shared) {
        let _runtime = shared.runtime.enter();
        drop(shared.rig);
    }
    println!("screenshots of key states (and of failures) are in target/e2e/");
    conclusion.exit()
}

/// Runs one scenario in a fresh browser session against fresh backends; saves the page on failure.
async fn run(shared: &Shared, scenario: &Scenario) -> anyhow::Result<()> {
    let (site, driver) = shared
        .rig
        .get_or_try_init(|| async { anyhow::Ok((rig::site().await?, rig::chromedriver().await?)) })
        .await?;
    let backends = rig::backends((scenario.config)(), &site.origin).await?;
    *site.template_target.lock().unwrap() = backends.sandbox_url.clone();
    let mut world = AppWorld::open(&driver.url, &site.origin, backends, scenario.name).await?;
    let result = (scenario.run)(&mut world).await;
    if result.is_err() {
        world.save_failure().await;
    }
    let _ = world.client.close().await;
    result
}
