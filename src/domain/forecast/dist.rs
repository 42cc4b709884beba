//! Weighted empirical distributions of delays (or residuals), and a two-part mixture of
//! them shifted by a point prediction, cut below "the day after as-of".
//!
//! Delays are whole days: "delay ≥ d" is read as "value > d − 0.5" on the continuous scale.

/// Sorted values with prefix sums of their weights: mass below any point in O(log n).
#[derive(Clone, Debug, Default)]
pub(super) struct Dist {
    values: Vec<f64>,
    /// `cum[i]` = total weight of `values[..i]`; one longer than `values`.
    cum: Vec<f64>,
}

impl Dist {
    /// From (value, weight) pairs; non-finite values and non-positive weights are dropped.
    pub fn new(mut pairs: Vec<(f64, f64)>) -> Dist {
        pairs.retain(|(v, w)| v.is_finite() && w.is_finite() && *w > 0.0);
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cum = Vec::with_capacity(pairs.len() + 1);
        let mut sum = 0.0;
        cum.push(0.0);
        for (_, w) in &pairs {
            sum += w;
            cum.push(sum);
        }
        Dist {
            values: pairs.into_iter().map(|(v, _)| v).collect(),
            cum,
        }
    }

    pub fn total(&self) -> f64 {
        self.cum.last().copied().unwrap_or(0.0)
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Share of the weight on values ≤ `t`, in [0, 1]; 0 for an empty distribution.
    pub fn share_le(&self, t: f64) -> f64 {
        let total = self.total();
        if total <= 0.0 {
            return 0.0;
        }
        let i = self.values.partition_point(|&v| v <= t);
        (self.cum[i] / total).clamp(0.0, 1.0)
    }

    pub fn max(&self) -> Option<f64> {
        self.values.last().copied()
    }

    pub fn min(&self) -> Option<f64> {
        self.values.first().copied()
    }
}

/// `shift + R`, `R` drawn from `parts` in proportion to their shares (empty parts ignored).
pub(super) struct Mixture<'a> {
    parts: Vec<(&'a Dist, f64)>,
    shift: f64,
}

impl<'a> Mixture<'a> {
    pub fn new(parts: &[(&'a Dist, f64)], shift: f64) -> Mixture<'a> {
        let parts: Vec<_> = parts
            .iter()
            .copied()
            .filter(|(d, s)| !d.is_empty() && *s > 0.0 && s.is_finite())
            .collect();
        let sum: f64 = parts.iter().map(|(_, s)| s).sum();
        Mixture {
            parts: parts.into_iter().map(|(d, s)| (d, s / sum)).collect(),
            shift: if shift.is_finite() { shift } else { 0.0 },
        }
    }

    /// P(value ≤ t).
    fn cdf(&self, t: f64) -> f64 {
        self.parts
            .iter()
            .map(|(d, s)| s * d.share_le(t - self.shift))
            .sum::<f64>()
            .clamp(0.0, 1.0)
    }

    /// P(delay ≥ d) for a whole number of days `d`.
    pub fn at_least(&self, d: i64) -> f64 {
        (1.0 - self.cdf(d as f64 - 0.5)).clamp(0.0, 1.0)
    }

    fn bounds(&self) -> Option<(i64, i64)> {
        let lo = self
            .parts
            .iter()
            .filter_map(|(d, _)| d.min())
            .reduce(f64::min)?;
        let hi = self
            .parts
            .iter()
            .filter_map(|(d, _)| d.max())
            .reduce(f64::max)?;
        Some((
            (lo + self.shift).floor() as i64 - 1,
            (hi + self.shift).ceil() as i64 + 1,
        ))
    }

    /// The smallest whole delay `d ≥ from` with P(delay ≤ d | delay ≥ from) ≥ q, or `None`
    /// when no mass lies at or beyond `from`.
    pub fn quantile_from(&self, from: Option<i64>, q: f64) -> Option<i64> {
        let (lo, hi) = self.bounds()?;
        let from = from.map_or(lo, |f| f.max(lo));
        let below = self.cdf(from as f64 - 0.5);
        let mass = 1.0 - below;
        if mass <= 1e-12 || from > hi {
            return None;
        }
        let q = q.clamp(0.0, 1.0);
        // Binary search for the first d in [from, hi] with conditional CDF ≥ q.
        let (mut a, mut b) = (from, hi);
        while a < b {
            let mid = a + (b - a) / 2;
            let cond = (self.cdf(mid as f64 + 0.5) - below) / mass;
            if cond >= q - 1e-12 {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_quantiles() {
        let d = Dist::new(vec![(0.0, 1.0), (10.0, 1.0), (20.0, 2.0), (f64::NAN, 5.0)]);
        assert_eq!(d.total(), 4.0);
        assert_eq!(d.share_le(-1.0), 0.0);
        assert_eq!(d.share_le(10.0), 0.5);
        let m = Mixture::new(&[(&d, 1.0)], 0.0);
        assert_eq!(m.quantile_from(None, 0.5), Some(10));
        assert_eq!(m.quantile_from(None, 0.51), Some(20));
        assert_eq!(m.quantile_from(Some(11), 0.5), Some(20));
        assert_eq!(m.quantile_from(Some(21), 0.5), None);
        assert!((m.at_least(11) - 0.5).abs() < 1e-12);
        let shifted = Mixture::new(&[(&d, 1.0)], 5.0);
        assert_eq!(shifted.quantile_from(None, 0.5), Some(15));
    }

    #[test]
    fn mixture_weights_its_parts() {
        let a = Dist::new(vec![(0.0, 1.0)]);
        let b = Dist::new(vec![(100.0, 7.0)]);
        let m = Mixture::new(&[(&a, 0.9), (&b, 0.1)], 0.0);
        assert_eq!(m.quantile_from(None, 0.5), Some(0));
        assert_eq!(m.quantile_from(Some(1), 0.5), Some(100));
        assert!((m.at_least(50) - 0.1).abs() < 1e-12);
        let empty = Dist::default();
        assert_eq!(
            Mixture::new(&[(&empty, 1.0)], 0.0).quantile_from(None, 0.5),
            None
        );
    }
}
