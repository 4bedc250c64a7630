//! The team deployment: `deploy/console.yaml` (checked by cfn-lint and against the routes and CSP
//! the console already uses) and `cargo xtask deploy`, which runs the steps of README.md
//! "Deployment" with the AWS CLI.

use crate::{dist, flags, tools};
use anyhow::{bail, ensure, Context};
use std::path::Path;
use xshell::{cmd, Shell};

/// The CloudFormation template.
pub(crate) const TEMPLATE: &str = "deploy/console.yaml";

/// The services the distribution routes for each region.
const SERVICES: [&str; 3] = ["rds", "sts", "monitoring"];

/// `Cache-Control` of files whose names carry their content hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of the files a release changes under the same name.
const REVALIDATE: &str = "no-cache";

/// The largest template `aws cloudformation deploy` takes without an S3 bucket to stage it in.
const TEMPLATE_BODY_LIMIT: usize = 51_200;

/// Lints the template and checks it routes every region `Trunk.toml` routes, for each service,
/// and serves the page's own CSP.
pub(crate) fn check(sh: &Shell) -> anyhow::Result<()> {
    let cfn_lint = tools::cfn_lint();
    cmd!(sh, "{cfn_lint} {TEMPLATE}")
        .run()
        .context("cfn-lint found problems in the template")?;
    let template = sh.read_file(TEMPLATE)?;
    ensure!(
        template.len() <= TEMPLATE_BODY_LIMIT,
        "{TEMPLATE} is {} bytes: past {TEMPLATE_BODY_LIMIT}, `aws cloudformation deploy` needs --s3-bucket",
        template.len()
    );
    consistent(
        &template,
        &sh.read_file("Trunk.toml")?,
        &sh.read_file("index.html")?,
    )?;
    println!("deploy: {TEMPLATE} passes cfn-lint, routes every region of Trunk.toml and serves index.html's CSP");
    Ok(())
}

/// The template routes each region of `trunk`'s `/rds/{region}/` routes for every service, and its
/// CSP (without extra origins) is `index_html`'s plus `frame-ancestors 'none'`.
fn consistent(template: &str, trunk: &str, index_html: &str) -> anyhow::Result<()> {
    let regions: Vec<&str> = trunk
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("rewrite = \"/rds/")?
                .strip_suffix("/\"")
        })
        .collect();
    ensure!(!regions.is_empty(), "Trunk.toml routes no region");
    for region in &regions {
        ensure!(
            template.contains(&format!("      - {region}\n")),
            "{TEMPLATE}: {region} is not an allowed value of Regions"
        );
        for service in SERVICES {
            for needed in [
                format!("PathPattern: /{service}/{region}/*"),
                format!("DomainName: {service}.{region}.amazonaws.com"),
            ] {
                ensure!(template.contains(&needed), "{TEMPLATE} lacks `{needed}`");
            }
        }
    }
    let Some(policy) = crate::dist::page_csp(index_html) else {
        bail!("index.html has no CSP <meta>");
    };
    let served = format!("\"{policy}; frame-ancestors 'none'\"");
    ensure!(
        template.contains(&served),
        "{TEMPLATE} does not serve index.html's CSP: {served}"
    );
    Ok(())
}

impl flags::Deploy {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        let run = |command: xshell::Cmd| -> anyhow::Result<String> {
            println!("$ {command}");
            if self.dry_run {
                return Ok(String::new());
            }
            Ok(command.read()?)
        };
        let (stack, region) = (&self.stack, &self.region);
        let regions = format!("Regions={}", self.regions);
        let extra = format!("ExtraConnectSrc={}", self.connect_src);
        run(cmd!(sh, "aws cloudformation deploy --region {region} --stack-name {stack} --template-file {TEMPLATE} --no-fail-on-empty-changeset --parameter-overrides {regions} {extra}"))?;
        let output = |key: &str| {
            let query = format!("Stacks[0].Outputs[?OutputKey=='{key}'].OutputValue");
            let value = run(cmd!(sh, "aws cloudformation describe-stacks --region {region} --stack-name {stack} --query {query} --output text"))?;
            match value.trim() {
                _ if self.dry_run => Ok(format!("<{key}>")),
                "" | "None" => bail!("stack {stack} has no output {key}: did `aws cloudformation deploy` create it from {TEMPLATE}?"),
                value => Ok(value.to_owned()),
            }
        };
        let (bucket, distribution, url) = (
            output("BucketName")?,
            output("DistributionId")?,
            output("ConsoleUrl")?,
        );
        println!(
            "$ {}={:?} cargo xtask dist",
            dist::EXTRA_CONNECT_SRC,
            self.connect_src
        );
        if !self.dry_run {
            std::env::set_var(dist::EXTRA_CONNECT_SRC, &self.connect_src);
            dist::build(sh)?;
        }
        let target = format!("s3://{bucket}/");
        let revalidated: Vec<String> = REVALIDATED_FILES
            .iter()
            .flat_map(|f| ["--exclude".to_owned(), (*f).to_owned()])
            .collect();
        run(cmd!(sh, "aws s3 sync dist/ {target} --region {region} --delete --cache-control {IMMUTABLE} {revalidated...}"))?;
        for file in REVALIDATED_FILES {
            let (from, to) = (format!("dist/{file}"), format!("s3://{bucket}/{file}"));
            run(cmd!(
                sh,
                "aws s3 cp {from} {to} --region {region} --cache-control {REVALIDATE}"
            ))?;
        }
        let paths: Vec<String> = std::iter::once("/".to_owned())
            .chain(REVALIDATED_FILES.iter().map(|f| format!("/{f}")))
            .collect();
        // CloudFront is global; its API answers in us-east-1 whatever the stack's region.
        run(cmd!(sh, "aws cloudfront create-invalidation --region us-east-1 --distribution-id {distribution} --paths {paths...}"))?;
        println!(
            "deploy: the console is at {url}; set its CORS proxy URL to /{{service}}/{{region}}/"
        );
        Ok(())
    }
}

/// Files that keep their name from release to release, uploaded last (`boot.js` before the
/// `index.html` that names its hash) and revalidated on every load.
const REVALIDATED_FILES: [&str; 2] = ["boot.js", "index.html"];

/// Checks that every file of `dist/` but [`REVALIDATED_FILES`] carries its content hash in its
/// name, so the immutable upload never pins a file a later release changes under the same name.
pub(crate) fn check_cacheable(dist: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dist).with_context(|| format!("read {}", dist.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        ensure!(
            has_content_hash(&name) || REVALIDATED_FILES.contains(&name.as_str()),
            "dist/{name} has no content hash in its name, so it cannot be cached as immutable"
        );
    }
    Ok(())
}

/// `name-0123456789abcdef.ext` (or `..._bg.wasm`): a hex hash of 12 or more digits before the
/// extension.
fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "[[proxy]]\nrewrite = \"/rds/eu-west-1/\"\n";
    const INDEX: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self'\" />";

    fn template(regions: &[&str]) -> String {
        let mut t = String::from("AllowedValues:\n");
        for r in regions {
            t.push_str(&format!("      - {r}\n"));
            for s in SERVICES {
                t.push_str(&format!(
                    "PathPattern: /{s}/{r}/*\nDomainName: {s}.{r}.amazonaws.com\n"
                ));
            }
        }
        t + "ContentSecurityPolicy: \"default-src 'none'; connect-src 'self'; frame-ancestors 'none'\"\n"
    }

    #[test]
    fn only_hashed_names_are_immutable() {
        for hashed in [
            "backtrack-console-44ca87394fb2a364_bg.wasm",
            "main-3405cf756f3678e.css",
            "favicon-dd4dc5cd2b581a0.svg",
        ] {
            assert!(has_content_hash(hashed), "{hashed}");
        }
        for fixed in [
            "boot.js",
            "index.html",
            "robots.txt",
            "backtrack-console.js",
            "a-cafe.js",
        ] {
            assert!(!has_content_hash(fixed), "{fixed}");
        }
    }

    #[test]
    fn a_template_routing_every_region_with_the_page_csp_passes() {
        consistent(&template(&["eu-west-1", "us-east-1"]), TRUNK, INDEX).unwrap();
    }

    #[test]
    fn a_missing_region_or_service_or_another_csp_fails() {
        assert!(consistent(&template(&["us-east-1"]), TRUNK, INDEX).is_err());
        let no_sts = template(&["eu-west-1"]).replace("PathPattern: /sts/eu-west-1/*", "");
        assert!(consistent(&no_sts, TRUNK, INDEX)
            .unwrap_err()
            .to_string()
            .contains("/sts/eu-west-1/*"));
        let looser = template(&["eu-west-1"]).replace("connect-src 'self'", "connect-src https:");
        assert!(consistent(&looser, TRUNK, INDEX)
            .unwrap_err()
            .to_string()
            .contains("CSP"));
    }
}
