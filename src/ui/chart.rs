//! Chart geometry, pure: a value axis with "nice" ticks (1, 2 or 5 × 10ⁿ minor units) and
//! the scaling of exact amounts to pixels. The only place an amount becomes a float, and
//! only to place a mark on screen; every label is formatted from the exact [`Money`].

use crate::domain::money::Money;

/// A value axis from 0 to `top` (minor units), with `ticks` at every `step`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub top: i64,
    pub step: i64,
    pub ticks: Vec<i64>,
}

impl Axis {
    /// An axis that holds `max` (the largest value shown) with at most `max_ticks` steps.
    /// Values at or below zero give the empty axis `[0]`.
    pub fn new(max: i64, max_ticks: usize) -> Axis {
        if max <= 0 {
            return Axis {
                top: 0,
                step: 1,
                ticks: vec![0],
            };
        }
        let (max, n) = (i128::from(max), max_ticks.max(1) as i128);
        let raw = (max + n - 1) / n;
        let mut magnitude: i128 = 1;
        while magnitude * 10 <= raw {
            magnitude *= 10;
        }
        let step = [1, 2, 5, 10]
            .iter()
            .map(|m| m * magnitude)
            .find(|&s| s >= raw)
            .unwrap_or(10 * magnitude);
        let top = (max + step - 1) / step * step;
        let clamp = |v: i128| v.min(i128::from(i64::MAX)) as i64;
        let ticks = (0..=top / step).map(|k| clamp(k * step)).collect();
        Axis {
            top: clamp(top),
            step: clamp(step),
            ticks,
        }
    }

    /// Where `value` sits between 0 (the baseline) and 1 (the top); negatives at 0.
    pub fn fraction(&self, value: i64) -> f64 {
        if self.top <= 0 {
            return 0.0;
        }
        value.clamp(0, self.top) as f64 / self.top as f64
    }

    /// `value` as a length of at most `length` pixels.
    pub fn pixels(&self, value: i64, length: f64) -> f64 {
        self.fraction(value) * length
    }
}

/// An axis label: the amount with its currency and thousands separators, without a
/// fraction of zeros (`¥2,000,000`, `$12,345.50`).
pub fn tick_label(m: Money) -> String {
    let s = m.to_display_string();
    match s.split_once('.') {
        Some((int, frac)) if frac.bytes().all(|b| b == b'0') => int.to_owned(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use proptest::prelude::*;

    #[test]
    fn nice_steps_cover_the_largest_value() {
        // ¥55,400.00 with at most 5 steps: 2,000,000 minor (¥20,000) a step, top ¥60,000.
        let a = Axis::new(5_540_000, 5);
        assert_eq!(a.step, 2_000_000);
        assert_eq!(a.top, 6_000_000);
        assert_eq!(a.ticks, vec![0, 2_000_000, 4_000_000, 6_000_000]);
        assert_eq!(Axis::new(1, 5).ticks, vec![0, 1]);
        assert_eq!(Axis::new(10, 5).ticks, vec![0, 2, 4, 6, 8, 10]);
        assert_eq!(Axis::new(11, 5).ticks, vec![0, 5, 10, 15]);
        assert_eq!(Axis::new(100, 4).step, 50);
    }

    #[test]
    fn scaling_is_proportional_and_clamped() {
        let a = Axis::new(5_540_000, 5);
        assert_eq!(a.pixels(3_000_000, 300.0), 150.0);
        assert_eq!(a.pixels(6_000_000, 300.0), 300.0);
        assert_eq!(a.pixels(-5, 300.0), 0.0);
        assert_eq!(a.pixels(i64::MAX, 300.0), 300.0);
        let empty = Axis::new(0, 5);
        assert_eq!(
            (empty.ticks.clone(), empty.pixels(10, 300.0)),
            (vec![0], 0.0)
        );
        assert_eq!(Axis::new(-7, 5), empty);
        assert_eq!(Axis::new(i64::MAX, 3).top, i64::MAX, "clamped, no overflow");
    }

    #[test]
    fn labels_carry_currency_and_separators() {
        assert_eq!(
            tick_label(Money::new(200_000_000, Currency::CNY)),
            "¥2,000,000"
        );
        assert_eq!(
            tick_label(Money::new(1_234_550, Currency::USD)),
            "$12,345.50"
        );
        assert_eq!(tick_label(Money::new(0, Currency::CNY)), "¥0");
    }

    proptest! {
        #[test]
        // Up to 10¹⁷ minor units (a quadrillion yuan); beyond, the top is clamped to i64::MAX.
        fn the_axis_holds_the_value_in_few_nice_steps(max in 1..100_000_000_000_000_000i64, n in 1..12usize) {
            let a = Axis::new(max, n);
            prop_assert!(a.top >= max);
            prop_assert!(a.ticks.len() >= 2 && a.ticks.len() <= n + 2);
            prop_assert_eq!(a.ticks[0], 0);
            let mut s = a.step;
            while s % 10 == 0 { s /= 10; }
            prop_assert!(matches!(s, 1 | 2 | 5), "step {}", a.step);
            prop_assert!(a.fraction(max) > 0.0 && a.fraction(max) <= 1.0);
            prop_assert!(a.top - max < a.step, "no empty step above the largest value");
        }
    }
}
