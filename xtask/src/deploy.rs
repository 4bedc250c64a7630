//! The team deployment: `deploy/console.yaml` (checked by cfn-lint and against the routes and CSP
//! the console already uses) and `cargo xtask deploy`, which runs the steps of README.md
//! "Deployment" with the AWS CLI.

use crate::caching::{IMMUTABLE, REVALIDATE, REVALIDATED_FILES};
use crate::{allowlist, dist, flags, tools};
use anyhow::{bail, ensure, Context};
use xshell::{cmd, Shell};

/// The CloudFormation template.
pub(crate) const TEMPLATE: &str = "deploy/console.yaml";

/// The largest template `aws cloudformation deploy` takes without an S3 bucket to stage it in.
const TEMPLATE_BODY_LIMIT: usize = 51_200;

/// Lints both templates and checks the console's serves the page's own CSP. (Its routes are checked against
/// `Service::ALL` and the console's regions by `rds-core/tests/it/routes.rs`.)
pub(crate) fn check(sh: &Shell) -> anyhow::Result<()> {
    let cfn_lint = tools::cfn_lint();
    let allowlist = allowlist::TEMPLATE;
    cmd!(sh, "{cfn_lint} {TEMPLATE} {allowlist}")
        .run()
        .context("cfn-lint found problems in the templates")?;
    let template = sh.read_file(TEMPLATE)?;
    ensure!(
        template.len() <= TEMPLATE_BODY_LIMIT,
        "{TEMPLATE} is {} bytes: past {TEMPLATE_BODY_LIMIT}, `aws cloudformation deploy` needs --s3-bucket",
        template.len()
    );
    serves_page_csp(&template, &sh.read_file("index.html")?)?;
    println!(
        "deploy: {TEMPLATE} and {allowlist} pass cfn-lint; {TEMPLATE} serves index.html's CSP"
    );
    Ok(())
}

/// The template's CSP (without extra origins) is `index_html`'s plus `frame-ancestors 'none'`.
fn serves_page_csp(template: &str, index_html: &str) -> anyhow::Result<()> {
    let Some(policy) = local_stack::csp::served_policy(index_html) else {
        bail!("index.html has no CSP <meta>");
    };
    let served = format!("\"{policy}\"");
    ensure!(
        template.contains(&served),
        "{TEMPLATE} does not serve index.html's CSP: {served}"
    );
    Ok(())
}

/// The console stack's parameters: `Regions`, `ExtraConnectSrc`, and `SsoRegion` and
/// `WebAclArn` when given (left out otherwise, so CloudFormation keeps the stack's values).
pub(crate) fn console_parameters(
    regions: &str,
    connect_src: &str,
    sso_region: Option<&str>,
    web_acl: Option<&str>,
) -> Vec<String> {
    let mut parameters = vec![
        format!("Regions={regions}"),
        format!("ExtraConnectSrc={connect_src}"),
    ];
    parameters.extend(sso_region.map(|region| format!("SsoRegion={region}")));
    parameters.extend(web_acl.map(|arn| format!("WebAclArn={arn}")));
    parameters
}

impl flags::Deploy {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        // Bad ranges stop the deployment before anything changes.
        let ranges = self
            .allow
            .as_deref()
            .map(allowlist::Ranges::parse)
            .transpose()?;
        let run = |command: xshell::Cmd| -> anyhow::Result<String> {
            println!("$ {command}");
            if self.dry_run {
                return Ok(String::new());
            }
            Ok(command.read()?)
        };
        let output = |stack: &str, region: &str, key: &str| {
            let query = format!("Stacks[0].Outputs[?OutputKey=='{key}'].OutputValue");
            let value = run(cmd!(sh, "aws cloudformation describe-stacks --region {region} --stack-name {stack} --query {query} --output text"))?;
            match value.trim() {
                _ if self.dry_run => Ok(format!("<{key}>")),
                "" | "None" => bail!(
                    "stack {stack} has no output {key}: did `aws cloudformation deploy` create it?"
                ),
                value => Ok(value.to_owned()),
            }
        };
        let web_acl = match &ranges {
            Some(ranges) => {
                let (stack, region) = (format!("{}-allowlist", self.stack), allowlist::REGION);
                let (template, parameters) = (allowlist::TEMPLATE, ranges.parameters());
                run(cmd!(sh, "aws cloudformation deploy --region {region} --stack-name {stack} --template-file {template} --no-fail-on-empty-changeset --parameter-overrides {parameters...}"))?;
                Some(output(&stack, region, "WebAclArn")?)
            }
            None => None,
        };
        let (stack, region) = (&self.stack, &self.region);
        let parameters = console_parameters(
            &self.regions,
            &self.connect_src,
            self.sso_region.as_deref(),
            web_acl.as_deref(),
        );
        run(cmd!(sh, "aws cloudformation deploy --region {region} --stack-name {stack} --template-file {TEMPLATE} --no-fail-on-empty-changeset --parameter-overrides {parameters...}"))?;
        let output = |key: &str| output(stack, region, key);
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

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self'\" />";
    const TEMPLATE_CSP: &str =
        "ContentSecurityPolicy: \"default-src 'none'; connect-src 'self'; frame-ancestors 'none'\"\n";

    #[test]
    fn a_template_with_the_page_csp_passes() {
        serves_page_csp(TEMPLATE_CSP, INDEX).unwrap();
    }

    #[test]
    fn another_csp_fails() {
        let looser = TEMPLATE_CSP.replace("connect-src 'self'", "connect-src https:");
        assert!(serves_page_csp(&looser, INDEX)
            .unwrap_err()
            .to_string()
            .contains("CSP"));
    }
}
