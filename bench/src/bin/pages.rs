//! The console against its peers in headless Chromium: the size of every file (brotli), start-up
//! (navigation start until the first `<input>` exists) over cold loads on a local and a throttled
//! link, and the in-browser cost of encode + sign + parse of one `BacktrackDBCluster` call.
//! Prints a table with the ratios console / peer and writes it, with each file's size, to a
//! Markdown report. `cargo xtask bench` builds the pages and runs this.

use anyhow::{bail, Context};
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use clap::Parser;
use e2e::chrome;
use fantoccini::Client;
use local_stack::bench;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to measure, and where to write the report.
#[derive(Debug, Parser)]
struct Cli {
    /// The release console (`dist/`).
    #[arg(long)]
    console: PathBuf,
    /// The console built with the `bench` feature (defines `window.benchCall`).
    #[arg(long)]
    console_bench: PathBuf,
    /// The built peer pages, one folder each (`bench/peers/dist`).
    #[arg(long)]
    peers: PathBuf,
    /// Cold loads of each page on each link.
    #[arg(long, default_value_t = bench::LOADS)]
    loads: usize,
    /// Timed calls of encode + sign + parse on each page.
    #[arg(long, default_value_t = bench::CALLS)]
    calls: usize,
    /// The Markdown report to write.
    #[arg(long)]
    out: PathBuf,
}

/// The peers, in the order of the report, with what each is.
const PEERS: [(&str, &str); 4] = [
    ("react", "React 19 + @aws-sdk/client-rds"),
    ("vue", "Vue 3 + @aws-sdk/client-rds"),
    ("svelte", "Svelte 5 + @aws-sdk/client-rds"),
    ("preact", "Preact + aws4fetch (signing only: the floor)"),
];

/// A network the pages load over: `None` is the local link, unthrottled.
struct Link {
    name: &'static str,
    /// Round-trip latency in ms and throughput in bytes per second, both ways.
    throttle: Option<(u32, u32)>,
}

const LINKS: [Link; 2] = [
    Link {
        name: "local",
        throttle: None,
    },
    Link {
        name: "20 Mbit/s, 40 ms",
        throttle: Some((40, 2_500_000)),
    },
];

/// Records when the first `<input>` appears, relative to navigation start.
const FIRST_INPUT_PROBE: &str = "new MutationObserver((_, observer) => { \
    if (document.querySelector('input')) { window.__firstInput = performance.now(); observer.disconnect(); } \
}).observe(document, { childList: true, subtree: true });";

/// Times `window.benchCall()`: a warm-up, then batches of 100; resolves to the median ms per call.
const TIME_CALLS: &str = "const [calls, done] = arguments; (async () => { \
    for (let i = 0; i < 200; i++) await window.benchCall(); \
    const perCall = []; \
    for (let b = 0; b < Math.max(1, calls / 100); b++) { \
        const start = performance.now(); \
        for (let i = 0; i < 100; i++) await window.benchCall(); \
        perCall.push((performance.now() - start) / 100); \
    } \
    perCall.sort((x, y) => x - y); \
    done(perCall[perCall.length >> 1]); \
})().catch((e) => done(String(e)));";

/// One page's results.
struct Measured {
    name: String,
    label: String,
    files: Vec<(String, usize, usize)>,
    startup: Vec<Summary>,
    per_call_ms: f64,
}

/// Median, minimum and maximum, in ms.
#[derive(Clone, Copy)]
struct Summary {
    median: f64,
    min: f64,
    max: f64,
}

impl Summary {
    fn of(mut samples: Vec<f64>) -> Self {
        samples.sort_by(f64::total_cmp);
        Self {
            median: samples[samples.len() / 2],
            min: samples[0],
            max: samples[samples.len() - 1],
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let site = tempdir()?;
    let mut pages = vec![(
        "console".to_owned(),
        "Backtrack Console (this project)".to_owned(),
        cli.console.clone(),
    )];
    pages.extend(
        PEERS
            .iter()
            .map(|(name, label)| (name.to_string(), label.to_string(), cli.peers.join(name))),
    );
    let mut files = Vec::new();
    for (name, _, dir) in &pages {
        files.push(precompress(dir, &site.join(name))?);
    }
    precompress(&cli.console_bench, &site.join("console-bench"))?;
    let origin = serve(site.clone()).await?;
    let driver = chrome::chromedriver().await?;
    println!(
        "bench: {} cold loads per page and link, {} timed calls per page",
        cli.loads, cli.calls
    );
    let mut results = Vec::new();
    for ((name, label, _), files) in pages.into_iter().zip(files) {
        let mut startup = Vec::new();
        for link in &LINKS {
            let mut samples = Vec::new();
            for _ in 0..cli.loads {
                samples.push(cold_load(&driver.url, &format!("{origin}/{name}/"), link).await?);
            }
            let summary = Summary::of(samples);
            println!(
                "bench: {name:<8} {:<18} start-up median {:>6.0} ms (min {:.0}, max {:.0})",
                link.name, summary.median, summary.min, summary.max
            );
            startup.push(summary);
        }
        let call_page = if name == "console" {
            "console-bench"
        } else {
            &name
        };
        let per_call_ms = time_calls(&driver.url, &format!("{origin}/{call_page}/"), cli.calls)
            .await
            .with_context(|| format!("time the calls of {name}"))?;
        println!("bench: {name:<8} encode + sign + parse {per_call_ms:.4} ms per call");
        results.push(Measured {
            name,
            label,
            files,
            startup,
            per_call_ms,
        });
    }
    let lookup = time_lookups(&driver.url, &format!("{origin}/console/"), cli.loads)
        .await
        .context("time the console's look-ups")?;
    println!(
        "bench: console  look-up at {LOOKUP_LATENCY_MS} ms a call: median {:.0} ms (min {:.0}, max {:.0})",
        lookup.median, lookup.min, lookup.max
    );
    let mut report = report(&results, &cli);
    let _ = writeln!(
        report,
        "\n## Look-up\n\nThe console against the sandbox answering every call {LOOKUP_LATENCY_MS} ms late \
         (`--latency-ms {LOOKUP_LATENCY_MS}`), credentials pasted: from pressing `Look up cluster` \
         until the cluster card, the window's health and the history's rows are all on screen, \
         median of {} look-ups (min–max): **{:.0} ms ({:.0}–{:.0})**. The look-up's calls \
         (`DescribeDBClusters`, `DescribeDBClusterBacktracks`, `GetMetricData`) leave together, \
         so this is about one round trip plus the page's own work. The peers have no look-up.",
        cli.loads, lookup.median, lookup.min, lookup.max
    );
    println!("\n{report}");
    std::fs::write(&cli.out, &report).with_context(|| format!("write {}", cli.out.display()))?;
    let _ = std::fs::remove_dir_all(&site);
    Ok(())
}

/// A fresh folder for the served copies.
fn tempdir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("backtrack-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Copies every file of `from` to `to` as brotli (quality 11, as `cargo xtask size` measures),
/// returning each file's name, raw size and brotli size.
fn precompress(from: &Path, to: &Path) -> anyhow::Result<Vec<(String, usize, usize)>> {
    std::fs::create_dir_all(to)?;
    let mut files = Vec::new();
    let entries = std::fs::read_dir(from).with_context(|| format!("read {}", from.display()))?;
    for entry in entries {
        let path = entry?.path();
        if !path.is_file() {
            continue;
        }
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let raw = std::fs::read(&path)?;
        let mut compressed = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &raw[..], &mut compressed, &params)?;
        std::fs::write(to.join(format!("{name}.br")), &compressed)?;
        files.push((name, raw.len(), compressed.len()));
    }
    if files.is_empty() {
        bail!("{} holds no files: build the pages first", from.display());
    }
    files.sort();
    Ok(files)
}

/// Serves `root` on a free loopback port, every file brotli-encoded and never cached.
async fn serve(root: PathBuf) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let origin = format!("http://{}", listener.local_addr()?);
    let app = Router::new().fallback(file).with_state(Arc::new(root));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(origin)
}

/// One precompressed file of the served folder.
async fn file(State(root): State<Arc<PathBuf>>, uri: Uri) -> Response {
    let mut path = uri.path().trim_start_matches('/').to_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    if path.split('/').any(|segment| segment == "..") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(body) = tokio::fs::read(root.join(format!("{path}.br"))).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let content_type = match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_ENCODING, "br"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Loads `url` in a new browser (nothing cached) over `link`; ms from navigation start until the
/// first `<input>` exists.
async fn cold_load(driver: &str, url: &str, link: &Link) -> anyhow::Result<f64> {
    let client = chrome::open_session(driver).await?;
    let result = async {
        chrome::devtools(&client, "Network.enable", serde_json::json!({})).await?;
        chrome::devtools(
            &client,
            "Network.setCacheDisabled",
            serde_json::json!({ "cacheDisabled": true }),
        )
        .await?;
        if let Some((latency, throughput)) = link.throttle {
            chrome::devtools(
                &client,
                "Network.emulateNetworkConditions",
                serde_json::json!({ "offline": false, "latency": latency,
                    "downloadThroughput": throughput, "uploadThroughput": throughput }),
            )
            .await?;
        }
        chrome::devtools(
            &client,
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": FIRST_INPUT_PROBE }),
        )
        .await?;
        client.goto(url).await?;
        wait_for_number(&client, "return window.__firstInput ?? null")
            .await
            .with_context(|| format!("{url} showed no <input>"))
    }
    .await;
    let _ = client.close().await;
    result
}

/// How late the sandbox answers every call while look-ups are timed, in milliseconds.
const LOOKUP_LATENCY_MS: u64 = 100;

/// Times `runs` look-ups of `orders-prod` on the console at `url`, against a sandbox answering
/// [`LOOKUP_LATENCY_MS`] late: from the click until the card, the window's health and the history's
/// rows are all shown (read in the page, polled every frame).
async fn time_lookups(driver: &str, url: &str, runs: usize) -> anyhow::Result<Summary> {
    let config = rds_sandbox::config::Config {
        faults: rds_sandbox::config::Faults {
            latency: Duration::from_millis(LOOKUP_LATENCY_MS),
            ..Default::default()
        },
        ..Default::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let sandbox = format!("http://{}/", listener.local_addr()?);
    let server = tokio::spawn(async move {
        let _ = rds_sandbox::run(listener, config, std::future::pending()).await;
    });
    let client = chrome::open_session(driver).await?;
    let result = async {
        client.goto(url).await?;
        let credentials = format!(
            "export AWS_ACCESS_KEY_ID={}\nexport AWS_SECRET_ACCESS_KEY={}\nexport AWS_SESSION_TOKEN={}\n",
            rds_sandbox::config::ACCESS_KEY_ID,
            rds_sandbox::config::SECRET_ACCESS_KEY,
            rds_sandbox::config::SESSION_TOKEN
        );
        client
            .execute(FILL_CONNECTION, vec![credentials.into(), sandbox.clone().into()])
            .await?;
        let mut timeouts = client.get_timeouts().await?;
        timeouts.set_script(Some(Duration::from_secs(60)));
        client.update_timeouts(timeouts).await?;
        let mut samples = Vec::new();
        for _ in 0..runs {
            let value = client.execute_async(TIME_LOOKUP, vec![]).await?;
            samples.push(
                value
                    .as_f64()
                    .with_context(|| format!("the look-up did not finish: {value}"))?,
            );
        }
        Ok(Summary::of(samples))
    }
    .await;
    let _ = client.close().await;
    server.abort();
    result
}

/// Pastes credentials (`arguments[0]`), points the endpoint at the sandbox (`arguments[1]`) and
/// types the cluster, as a user would (input events).
const FILL_CONNECTION: &str = "const [credentials, endpoint] = arguments; \
    const field = (label) => document.getElementById([...document.querySelectorAll('label')].find(l => l.textContent.trim() === label).htmlFor); \
    const type = (label, text) => { const f = field(label); f.value = text; f.dispatchEvent(new Event('input', {bubbles: true})); }; \
    type('Paste credentials', credentials); \
    [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Import credentials').click(); \
    type('Endpoint URL', endpoint); \
    type('DB cluster identifier', 'orders-prod');";

/// Presses `Look up cluster` and resolves with the milliseconds until the card, the window's
/// health and the history's first row are all on screen (checked every animation frame).
const TIME_LOOKUP: &str = "const done = arguments[arguments.length - 1]; \
    const button = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Look up cluster'); \
    const shown = () => document.querySelector('[aria-label=\"Cluster details\"] dl') \
        && !document.body.textContent.includes('Reading the window') \
        && document.querySelector('[aria-label=\"Backtrack history\"] tbody tr td code'); \
    const start = performance.now(); button.click(); \
    const poll = () => shown() ? done(performance.now() - start) \
        : performance.now() - start > 30000 ? done(null) : requestAnimationFrame(poll); \
    requestAnimationFrame(poll);";

/// The median ms per `window.benchCall()` on the page at `url`.
async fn time_calls(driver: &str, url: &str, calls: usize) -> anyhow::Result<f64> {
    let client = chrome::open_session(driver).await?;
    let result = async {
        client.goto(url).await?;
        wait_for_number(&client, "return window.benchCall ? 1 : null").await?;
        let mut timeouts = client.get_timeouts().await?;
        timeouts.set_script(Some(Duration::from_secs(300)));
        client.update_timeouts(timeouts).await?;
        let value = client
            .execute_async(TIME_CALLS, vec![serde_json::json!(calls)])
            .await?;
        value
            .as_f64()
            .with_context(|| format!("benchCall failed: {value}"))
    }
    .await;
    let _ = client.close().await;
    result
}

/// Polls `script` until it returns a number (at most 60 s).
async fn wait_for_number(client: &Client, script: &str) -> anyhow::Result<f64> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if let Some(n) = client.execute(script, vec![]).await?.as_f64() {
            return Ok(n);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bail!("timed out waiting for `{script}`")
}

/// The Markdown report: the comparison with ratios, then every file's size.
fn report(results: &[Measured], cli: &Cli) -> String {
    let kb = |bytes: usize| bytes as f64 / 1024.0;
    let total = |m: &Measured| m.files.iter().map(|f| f.2).sum::<usize>();
    let console = &results[0];
    let mut out = String::from("# Benchmarks\n\nWritten by `cargo xtask bench`");
    let _ = writeln!(
        out,
        " ({} cold loads per page and link in headless Chromium, each in a new browser profile; \
         {} timed calls per page).\n\nStart-up: navigation start until the first `<input>` exists, \
         median (min–max). The 20 Mbit/s link is throttled through DevTools. Size: every file the \
         page loads, brotli quality 11. Per call: encode + sign + parse of one \
         `BacktrackDBCluster`, answered by a canned response, median of batches of 100.\n",
        cli.loads, cli.calls
    );
    out.push_str("| page | all files, brotli | start-up, local | start-up, 20 Mbit/s 40 ms | encode + sign + parse |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for m in results {
        let startup = |s: &Summary| format!("{:.0} ms ({:.0}–{:.0})", s.median, s.min, s.max);
        let _ = writeln!(
            out,
            "| {} | {:.1} KB | {} | {} | {:.3} ms |",
            m.label,
            kb(total(m)),
            startup(&m.startup[0]),
            startup(&m.startup[1]),
            m.per_call_ms
        );
    }
    out.push_str("\nRatios, console / peer (below 1: the console is lighter or faster):\n\n");
    out.push_str(
        "| peer | size | start-up, local | start-up, 20 Mbit/s 40 ms | encode + sign + parse |\n",
    );
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for m in &results[1..] {
        let _ = writeln!(
            out,
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            m.label,
            total(console) as f64 / total(m) as f64,
            console.startup[0].median / m.startup[0].median,
            console.startup[1].median / m.startup[1].median,
            console.per_call_ms / m.per_call_ms
        );
    }
    out.push_str("\n## Files\n\n| page | file | raw | brotli |\n| --- | --- | --- | --- |\n");
    for m in results {
        for (file, raw, br) in &m.files {
            let _ = writeln!(out, "| {} | `{file}` | {raw} | {br} |", m.name);
        }
    }
    out
}
