//! Sliding-window rate limits. DingTalk, WeCom and Feishu robots take at most 20 messages a
//! minute each (DingTalk mutes a robot for 10 minutes past that), so the sender asks before
//! every post. Pure: the caller passes the time in milliseconds.

use super::text::strip_query_params;
use std::collections::{HashMap, VecDeque};

/// Messages a robot accepts per minute.
pub const ROBOT_LIMIT_PER_MINUTE: usize = 20;
pub const MINUTE_MS: u64 = 60_000;

/// At most `limit` acquisitions in any window of `window_ms` milliseconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimiter {
    limit: usize,
    window_ms: u64,
    /// Times of the acquisitions still inside the window, oldest first.
    sent: VecDeque<u64>,
}

impl RateLimiter {
    /// `limit` is at least 1.
    pub fn new(limit: usize, window_ms: u64) -> RateLimiter {
        RateLimiter {
            limit: limit.max(1),
            window_ms,
            sent: VecDeque::new(),
        }
    }

    /// The chat robots' limit: 20 a minute.
    pub fn robot() -> RateLimiter {
        RateLimiter::new(ROBOT_LIMIT_PER_MINUTE, MINUTE_MS)
    }

    /// Takes a slot at `now_ms`, or says how many milliseconds until one frees up.
    pub fn try_acquire(&mut self, now_ms: u64) -> Result<(), u64> {
        self.forget_old(now_ms);
        if self.sent.len() < self.limit {
            self.sent.push_back(now_ms);
            Ok(())
        } else {
            let oldest = self.sent.front().copied().unwrap_or(now_ms);
            Err((oldest + self.window_ms).saturating_sub(now_ms).max(1))
        }
    }

    /// Slots free at `now_ms` (without taking one).
    pub fn remaining(&mut self, now_ms: u64) -> usize {
        self.forget_old(now_ms);
        self.limit - self.sent.len()
    }

    /// Drops acquisitions that left the window. If the clock went backwards, times in the
    /// future are pulled back to `now_ms` so the limiter never blocks for longer than one
    /// window.
    fn forget_old(&mut self, now_ms: u64) {
        for t in self.sent.iter_mut() {
            if *t > now_ms {
                *t = now_ms;
            }
        }
        while let Some(&t) = self.sent.front() {
            if t + self.window_ms <= now_ms {
                self.sent.pop_front();
            } else {
                break;
            }
        }
    }

    fn is_idle(&self, now_ms: u64) -> bool {
        self.sent
            .back()
            .is_none_or(|&t| t + self.window_ms <= now_ms)
    }
}

/// One [`RateLimiter::robot`] per webhook: the URL without its `timestamp` and `sign`
/// parameters (they change with every signed request), so each robot token is one key.
#[derive(Clone, Debug, Default)]
pub struct RateLimiters {
    by_webhook: HashMap<String, RateLimiter>,
}

impl RateLimiters {
    pub fn new() -> RateLimiters {
        RateLimiters::default()
    }

    pub fn try_acquire(&mut self, webhook_url: &str, now_ms: u64) -> Result<(), u64> {
        self.by_webhook
            .entry(rate_limit_key(webhook_url))
            .or_insert_with(RateLimiter::robot)
            .try_acquire(now_ms)
    }

    /// Forgets robots with nothing left in their window.
    pub fn prune(&mut self, now_ms: u64) {
        self.by_webhook.retain(|_, l| !l.is_idle(now_ms));
    }

    pub fn len(&self) -> usize {
        self.by_webhook.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_webhook.is_empty()
    }
}

/// The key a webhook URL is limited under.
pub fn rate_limit_key(webhook_url: &str) -> String {
    strip_query_params(webhook_url.trim(), &["timestamp", "sign"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn twenty_a_minute_then_wait_for_the_oldest() {
        let mut l = RateLimiter::robot();
        for i in 0..20 {
            assert_eq!(l.try_acquire(1_000 + i * 100), Ok(()), "message {i}");
        }
        assert_eq!(l.remaining(3_000), 0);
        // The 21st must wait until the first (at 1 000) leaves the window at 61 000.
        assert_eq!(l.try_acquire(3_000), Err(58_000));
        assert_eq!(l.try_acquire(60_999), Err(1));
        assert_eq!(l.try_acquire(61_000), Ok(()));
        // The next frees when the second (1 100) leaves.
        assert_eq!(l.try_acquire(61_000), Err(100));
        assert_eq!(l.remaining(200_000), 20);
    }

    #[test]
    fn refusals_do_not_use_slots() {
        let mut l = RateLimiter::new(2, 1_000);
        assert!(l.try_acquire(0).is_ok());
        assert!(l.try_acquire(0).is_ok());
        for t in 1..10 {
            assert!(l.try_acquire(t).is_err());
        }
        assert!(l.try_acquire(1_000).is_ok());
        assert!(l.try_acquire(1_000).is_ok());
        assert!(l.try_acquire(1_000).is_err());
    }

    #[test]
    fn clock_going_backwards_blocks_at_most_one_window() {
        let mut l = RateLimiter::new(1, 1_000);
        assert!(l.try_acquire(1_000_000).is_ok());
        assert_eq!(l.try_acquire(5_000), Err(1_000));
        assert!(l.try_acquire(6_000).is_ok());
    }

    #[test]
    fn limits_are_per_webhook_whatever_the_signature() {
        let mut ls = RateLimiters::new();
        let a = "https://oapi.dingtalk.com/robot/send?access_token=A";
        let b = "https://oapi.dingtalk.com/robot/send?access_token=B";
        for i in 0..20u64 {
            let signed = format!("{a}&timestamp={i}&sign=s{i}");
            assert!(ls.try_acquire(&signed, i).is_ok());
        }
        assert!(ls
            .try_acquire(&format!("{a}&timestamp=99&sign=x"), 99)
            .is_err());
        assert!(ls.try_acquire(b, 99).is_ok());
        assert_eq!(ls.len(), 2);
        ls.prune(60_018);
        assert_eq!(ls.len(), 2);
        ls.prune(60_019);
        assert_eq!(ls.len(), 1); // A's last send was at 19, B's at 99.
        ls.prune(60_099);
        assert!(ls.is_empty());
    }

    proptest! {
        /// Whatever the (non-decreasing) request times, no window of 60 s ever holds more
        /// than 20 granted requests, and a refusal's wait is exact: retrying then succeeds.
        #[test]
        fn never_more_than_limit_in_any_window(gaps in prop::collection::vec(0u64..5_000, 1..200)) {
            let mut l = RateLimiter::robot();
            let mut now = 0u64;
            let mut granted: Vec<u64> = Vec::new();
            for g in gaps {
                now += g;
                match l.try_acquire(now) {
                    Ok(()) => granted.push(now),
                    Err(wait) => {
                        prop_assert!((1..=MINUTE_MS).contains(&wait));
                        let mut probe = l.clone();
                        prop_assert!(probe.try_acquire(now + wait - 1).is_err());
                        prop_assert!(probe.try_acquire(now + wait).is_ok());
                    }
                }
            }
            for (i, &t) in granted.iter().enumerate() {
                let in_window = granted[i..].iter().take_while(|&&u| u < t + MINUTE_MS).count();
                prop_assert!(in_window <= ROBOT_LIMIT_PER_MINUTE);
            }
        }
    }
}
