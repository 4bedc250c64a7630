//! Any action the sandbox does not implement.

use super::{Fault, OPERATIONS};

/// Answers `InvalidAction`, naming the action and those the sandbox answers.
pub(super) fn execute(name: &str) -> Result<String, Fault> {
    let known: Vec<&str> = OPERATIONS.iter().map(|h| h.name).collect();
    Err(Fault::sender(
        400,
        "InvalidAction",
        format!(
            "The action {name:?} is not valid for this web service (the sandbox answers {}).",
            known.join(", ")
        ),
    ))
}
