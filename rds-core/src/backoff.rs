//! The delays between status polls: from 2 s, growing by half each time, up to 15 s.

/// The first delay, in milliseconds.
pub const FIRST_MS: u32 = 2_000;
/// The longest delay, in milliseconds.
pub const MAX_MS: u32 = 15_000;

/// The delays of a polling loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    next_ms: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self { next_ms: FIRST_MS }
    }
}

impl Backoff {
    /// The delay before the next poll; each call returns a longer one, up to [`MAX_MS`].
    pub fn next_delay_ms(&mut self) -> u32 {
        let delay = self.next_ms;
        self.next_ms = (delay + delay / 2).min(MAX_MS);
        delay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_from_2_to_15_seconds() {
        let mut backoff = Backoff::default();
        let delays: Vec<u32> = (0..8).map(|_| backoff.next_delay_ms()).collect();
        assert_eq!(delays, [2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000]);
    }
}
