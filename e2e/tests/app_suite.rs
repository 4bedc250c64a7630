//! The end-to-end suite: every scenario drives the release console in headless Chromium, as a
//! user would, against its own sandbox and proxy. See `e2e/README.md`.

mod fixtures;
mod scenarios;

use fixtures::{rig, AppWorld};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run_all())
}

async fn run_all() -> anyhow::Result<()> {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let _ = std::fs::remove_dir_all(fixtures::out_dir()?);
    let site = rig::site().await?;
    let driver = rig::chromedriver().await?;
    let started = Instant::now();
    let (mut passed, mut failed) = (0, Vec::new());
    for scenario in scenarios::ALL {
        if filter
            .as_deref()
            .is_some_and(|f| !scenario.name.contains(f))
        {
            continue;
        }
        let began = Instant::now();
        let backends = rig::backends((scenario.config)(), &site.origin).await?;
        *site.template_target.lock().unwrap() = backends.sandbox_url.clone();
        let outcome = match AppWorld::open(&driver.url, &site.origin, backends, scenario.name).await
        {
            Ok(mut world) => {
                let result = (scenario.run)(&mut world).await;
                if result.is_err() {
                    world.save_failure().await;
                }
                let _ = world.client.close().await;
                result
            }
            Err(e) => Err(e),
        };
        let secs = began.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("test {} ... ok ({secs:.1} s)", scenario.name);
            }
            Err(e) => {
                println!("test {} ... FAILED ({secs:.1} s): {e:#}", scenario.name);
                failed.push(scenario.name);
            }
        }
    }
    println!(
        "e2e: {:.1} s in all; screenshots in target/e2e/",
        started.elapsed().as_secs_f64()
    );
    println!("{passed} passed, {} failed", failed.len());
    if !failed.is_empty() {
        anyhow::bail!("failed: {}", failed.join(", "));
    }
    Ok(())
}
