//! `cargo xtask deploy --allow`: the address ranges of `deploy/allowlist.yaml`, read and checked
//! before anything is deployed, and split by IP version as the template's IP sets need them.

use anyhow::{bail, Context};
use std::net::IpAddr;

/// The web ACL's template, deployed in us-east-1 (the only region of CloudFront's web ACLs).
pub(crate) const TEMPLATE: &str = "deploy/allowlist.yaml";

/// The region every CloudFront web ACL lives in.
pub(crate) const REGION: &str = "us-east-1";

/// The ranges of `--allow`, by version, each as `address/prefix`.
#[derive(Debug, PartialEq)]
pub(crate) struct Ranges {
    pub(crate) ipv4: Vec<String>,
    pub(crate) ipv6: Vec<String>,
}

impl Ranges {
    /// Reads comma-separated CIDR ranges (`203.0.113.0/24,2001:db8::/32`); a bare address is
    /// refused rather than guessed as one host.
    pub(crate) fn parse(text: &str) -> anyhow::Result<Self> {
        let mut ranges = Self {
            ipv4: Vec::new(),
            ipv6: Vec::new(),
        };
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let Some((address, prefix)) = entry.split_once('/') else {
                let one = if entry.contains(':') { 128 } else { 32 };
                bail!("--allow: {entry:?} has no prefix length: write it as a range ({entry}/{one} for that one address)");
            };
            let address: IpAddr = address
                .parse()
                .with_context(|| format!("--allow: {entry:?} does not start with an IP address"))?;
            let longest = if address.is_ipv4() { 32 } else { 128 };
            match prefix.parse::<u8>() {
                Ok(length) if length <= longest => {}
                _ => bail!("--allow: {entry:?} needs a prefix length from 0 to {longest}"),
            }
            let list = if address.is_ipv4() {
                &mut ranges.ipv4
            } else {
                &mut ranges.ipv6
            };
            list.push(format!("{address}/{prefix}"));
        }
        if ranges.ipv4.is_empty() && ranges.ipv6.is_empty() {
            bail!("--allow names no range: an empty allowlist would block the team too");
        }
        Ok(ranges)
    }

    /// The template's parameters: `Ipv4Cidrs=…` and `Ipv6Cidrs=…`.
    pub(crate) fn parameters(&self) -> [String; 2] {
        [
            format!("Ipv4Cidrs={}", self.ipv4.join(",")),
            format!("Ipv6Cidrs={}", self.ipv6.join(",")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_split_by_version() {
        let ranges = Ranges::parse(" 203.0.113.0/24, 2001:db8:1234::/48,198.51.100.7/32 ").unwrap();
        assert_eq!(ranges.ipv4, ["203.0.113.0/24", "198.51.100.7/32"]);
        assert_eq!(ranges.ipv6, ["2001:db8:1234::/48"]);
        assert_eq!(
            ranges.parameters(),
            [
                "Ipv4Cidrs=203.0.113.0/24,198.51.100.7/32",
                "Ipv6Cidrs=2001:db8:1234::/48"
            ]
        );
    }

    #[test]
    fn bad_ranges_are_named() {
        let error = |text: &str| Ranges::parse(text).unwrap_err().to_string();
        assert!(error("203.0.113.7").contains("(203.0.113.7/32 for that one address)"));
        assert!(error("2001:db8::7").contains("(2001:db8::7/128 for that one address)"));
        assert!(error("10.0.0.0/24,example.com/24").contains("\"example.com/24\""));
        assert!(error("10.0.0.0/33").contains("from 0 to 32"));
        assert!(error("2001:db8::/129").contains("from 0 to 128"));
        assert!(error(" , ").contains("names no range"));
    }

    /// The parameters given to each template are the ones it declares.
    #[test]
    fn the_templates_declare_what_deploy_gives_them() {
        let declared = |path: &str| -> Vec<String> {
            let text = std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
            let template: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            template["Parameters"]
                .as_mapping()
                .unwrap()
                .keys()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        };
        let given = |parameters: &[String]| -> Vec<String> {
            parameters
                .iter()
                .map(|p| p.split_once('=').unwrap().0.to_owned())
                .collect()
        };
        let ranges = Ranges::parse("10.0.0.0/8").unwrap();
        assert_eq!(given(&ranges.parameters()), declared(TEMPLATE));
        let console = declared(crate::deploy::TEMPLATE);
        for name in given(&crate::deploy::console_parameters(
            "us-east-1",
            "",
            Some("eu-west-1"),
            Some("arn"),
        )) {
            assert!(
                console.contains(&name),
                "{name} is not a parameter of the console stack"
            );
        }
    }
}
