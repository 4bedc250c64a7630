//! The settings the console remembers between visits, as the JSON kept in localStorage: where
//! requests go, never who sends them (no field can hold a secret).

use crate::endpoint::DEFAULT_REGION;
use serde::{Deserialize, Serialize};

/// Region, endpoint override and CORS proxy URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Region code.
    pub region: String,
    /// Endpoint URL override; empty for the region's endpoint.
    pub endpoint: String,
    /// CORS proxy URL; empty to send directly.
    pub proxy: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            region: DEFAULT_REGION.to_owned(),
            endpoint: String::new(),
            proxy: String::new(),
        }
    }
}

impl Settings {
    /// Reads saved settings; missing fields take their defaults, and unreadable JSON (an older
    /// or damaged entry) gives the defaults rather than an error.
    pub fn from_json(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_default()
    }

    /// The settings as JSON for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|e| unreachable!("strings always serialize: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let settings = Settings {
            region: "eu-west-1".into(),
            endpoint: "http://127.0.0.1:4566/".into(),
            proxy: "/rds/{region}/".into(),
        };
        assert_eq!(
            settings.to_json(),
            r#"{"region":"eu-west-1","endpoint":"http://127.0.0.1:4566/","proxy":"/rds/{region}/"}"#
        );
        assert_eq!(Settings::from_json(&settings.to_json()), settings);
    }

    #[test]
    fn missing_or_damaged_entries_fall_back_to_defaults() {
        assert_eq!(
            Settings::from_json(r#"{"proxy": "http://127.0.0.1:8787/", "extra": 1}"#),
            Settings {
                proxy: "http://127.0.0.1:8787/".into(),
                ..Settings::default()
            }
        );
        assert_eq!(Settings::from_json("not json"), Settings::default());
        assert_eq!(Settings::default().region, "us-east-1");
    }
}
