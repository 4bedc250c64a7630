//! The AWS Query protocol's form body, byte for byte as the AWS SDKs write it: `Action` and
//! `Version` first, then the parameters in the order of the service model; values form-encoded
//! (space as `+`, `:` as `%3A`). The operations that use it are in [`crate::calls`].

use crate::model::MaxRecords;
use crate::operation::{Operation, Protocol};

/// A form body being written.
pub(crate) struct Form(form_urlencoded::Serializer<'static, String>);

impl Form {
    /// A body for `operation`, which names its action and its service's API version.
    pub(crate) fn new(operation: Operation) -> Self {
        let mut form = Self(form_urlencoded::Serializer::new(String::new()));
        form.pair("Action", operation.name);
        if let Protocol::Query { version } = operation.service.protocol() {
            form.pair("Version", version);
        }
        form
    }

    /// Appends `name=value`.
    pub(crate) fn pair(&mut self, name: &str, value: &str) {
        self.0.append_pair(name, value);
    }

    /// Appends `name=true` or `name=false`.
    pub(crate) fn flag(&mut self, name: &str, value: bool) {
        self.pair(name, if value { "true" } else { "false" });
    }

    /// Appends `MaxRecords` and `Marker`, each when given.
    pub(crate) fn paging(&mut self, max_records: Option<MaxRecords>, marker: Option<&str>) {
        if let Some(max) = max_records {
            self.pair("MaxRecords", &max.get().to_string());
        }
        if let Some(marker) = marker {
            self.pair("Marker", marker);
        }
    }

    /// The body.
    pub(crate) fn finish(mut self) -> String {
        self.0.finish()
    }
}
