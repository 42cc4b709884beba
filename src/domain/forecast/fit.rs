//! The numerical pieces of training: Bühlmann–Straub credibility and a small ridge
//! regression (normal equations, Gaussian elimination), plus tiny helpers.

use super::features::N;
use crate::domain::money::Currency;

/// Credibility constant when it cannot be estimated (one customer, one invoice each).
const FALLBACK_K: f64 = 5.0;
const MIN_K: f64 = 0.5;
const MAX_K: f64 = 1000.0;

/// Bühlmann–Straub credibility on values `y` (one per observation).
pub(super) struct Credibility {
    pub k: f64,
    pub mean: f64,
    pub z: Vec<f64>,
    pub base: Vec<f64>,
}

/// `group[i]` is observation i's customer (< `c`), `weight[i]` its weight, `y[i]` its value.
pub(super) fn credibility(
    group: &[usize],
    weight: &[f64],
    y: &[f64],
    c: usize,
    fixed_k: Option<f64>,
) -> Credibility {
    let mut w = vec![0.0; c];
    let mut s = vec![0.0; c];
    let mut n = vec![0usize; c];
    for ((&g, &wi), &v) in group.iter().zip(weight).zip(y) {
        w[g] += wi;
        s[g] += wi * v;
        n[g] += 1;
    }
    let means: Vec<f64> = (0..c).map(|i| s[i] / w[i]).collect();
    let total: f64 = w.iter().sum();
    let mean = if total > 0.0 {
        s.iter().sum::<f64>() / total
    } else {
        0.0
    };
    let within: f64 = group
        .iter()
        .zip(weight)
        .zip(y)
        .map(|((&g, &wi), &v)| wi * (v - means[g]).powi(2))
        .sum();
    let dof: usize = n.iter().map(|&k| k.saturating_sub(1)).sum();
    let between: f64 = (0..c).map(|i| w[i] * (means[i] - mean).powi(2)).sum();
    let denom = total - w.iter().map(|x| x * x).sum::<f64>() / total.max(f64::MIN_POSITIVE);
    let estimated = if dof == 0 || c < 2 || denom <= 0.0 {
        FALLBACK_K
    } else {
        let sigma2 = within / dof as f64;
        let tau2 = (between - (c - 1) as f64 * sigma2) / denom;
        if tau2 > 0.0 {
            (sigma2 / tau2).clamp(MIN_K, MAX_K)
        } else {
            MAX_K
        }
    };
    let k = match fixed_k {
        Some(k) if k.is_finite() && k >= 0.0 => k,
        _ => estimated,
    };
    // Weights are relative (recency), so k is compared with weights scaled to mean 1.
    let scale = if total > 0.0 {
        group.len() as f64 / total
    } else {
        1.0
    };
    let z: Vec<f64> = w
        .iter()
        .map(|&wi| {
            let wi = wi * scale;
            if wi + k > 0.0 {
                wi / (wi + k)
            } else {
                0.0
            }
        })
        .collect();
    let base = (0..c)
        .map(|i| z[i] * means[i] + (1.0 - z[i]) * mean)
        .collect();
    Credibility { k, mean, z, base }
}

/// Ridge regression of `t` on centred, standardised features; returns per-unit slopes.
pub(super) fn ridge_fit(
    xs: &[[f64; N]],
    t: &[f64],
    w: &[f64],
    center: &[f64; N],
    ridge: f64,
) -> [f64; N] {
    let total: f64 = w.iter().sum();
    if xs.is_empty() || total <= 0.0 {
        return [0.0; N];
    }
    let scale = xs.len() as f64 / total;
    let mut sd = [0.0; N];
    for (x, &wi) in xs.iter().zip(w) {
        for k in 0..N {
            sd[k] += wi * scale * (x[k] - center[k]).powi(2);
        }
    }
    for v in &mut sd {
        *v = (*v / xs.len() as f64).sqrt();
    }
    let mut a = [[0.0; N]; N];
    let mut b = [0.0; N];
    for ((x, &ti), &wi) in xs.iter().zip(t).zip(w) {
        let wi = wi * scale;
        let mut zs = [0.0; N];
        for k in 0..N {
            zs[k] = if sd[k] > 1e-9 {
                (x[k] - center[k]) / sd[k]
            } else {
                0.0
            };
        }
        for ((row, bi), &zi) in a.iter_mut().zip(&mut b).zip(&zs) {
            *bi += wi * zi * ti;
            for (aij, &zj) in row.iter_mut().zip(&zs) {
                *aij += wi * zi * zj;
            }
        }
    }
    for (i, row) in a.iter_mut().enumerate() {
        row[i] += ridge.max(1e-9);
    }
    let gamma = solve(a, b);
    let mut beta = [0.0; N];
    for k in 0..N {
        beta[k] = if sd[k] > 1e-9 && gamma[k].is_finite() {
            gamma[k] / sd[k]
        } else {
            0.0
        };
    }
    beta
}

/// Gaussian elimination with partial pivoting; a singular direction gets 0.
fn solve(mut a: [[f64; N]; N], mut b: [f64; N]) -> [f64; N] {
    for col in 0..N {
        let pivot = (col..N)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let p = a[col][col];
        if p.abs() < 1e-12 {
            continue;
        }
        let (pivot_row, pivot_b) = (a[col], b[col]);
        for (row, br) in a[col + 1..].iter_mut().zip(&mut b[col + 1..]) {
            let f = row[col] / p;
            for (x, &y) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * y;
            }
            *br -= f * pivot_b;
        }
    }
    let mut x = [0.0; N];
    for row in (0..N).rev() {
        let p = a[row][row];
        if p.abs() < 1e-12 {
            continue;
        }
        let s: f64 = (row + 1..N).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / p;
    }
    x
}

pub(super) fn dot(beta: &[f64; N], x: &[f64; N], center: &[f64; N]) -> f64 {
    (0..N).map(|k| beta[k] * (x[k] - center[k])).sum()
}

pub(super) fn weighted_center(xs: &[[f64; N]], w: &[f64]) -> [f64; N] {
    let total: f64 = w.iter().sum();
    let mut c = [0.0; N];
    if total <= 0.0 {
        return c;
    }
    for (x, &wi) in xs.iter().zip(w) {
        for k in 0..N {
            c[k] += wi * x[k];
        }
    }
    c.map(|v| v / total)
}

pub(super) fn weighted_means(
    items: impl Iterator<Item = (Currency, f64, f64)>,
) -> Vec<(Currency, f64)> {
    let mut acc: Vec<(Currency, f64, f64)> = Vec::new();
    for (cur, v, w) in items {
        match acc.iter_mut().find(|(c, _, _)| *c == cur) {
            Some(e) => {
                e.1 += w * v;
                e.2 += w;
            }
            None => acc.push((cur, w * v, w)),
        }
    }
    acc.into_iter()
        .filter(|(_, _, w)| *w > 0.0)
        .map(|(c, s, w)| (c, s / w))
        .collect()
}

pub(super) fn lookup(list: &[(Currency, f64)], currency: Currency) -> Option<f64> {
    list.iter().find(|(c, _)| *c == currency).map(|(_, v)| *v)
}

pub(super) fn positive_or(v: f64, default: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        default
    }
}

pub(super) fn finite_or(v: f64, default: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ridge_recovers_a_linear_effect() {
        let xs: Vec<[f64; N]> = (0..200)
            .map(|i| {
                let mut x = [0.0; N];
                x[0] = (i % 10) as f64;
                x[3] = (i % 3 == 0) as u8 as f64;
                x
            })
            .collect();
        let t: Vec<f64> = xs.iter().map(|x| 2.0 * x[0] + 20.0 * x[3]).collect();
        let w = vec![1.0; xs.len()];
        let c = weighted_center(&xs, &w);
        let t: Vec<f64> = t.iter().map(|v| v - (2.0 * c[0] + 20.0 * c[3])).collect();
        let beta = ridge_fit(&xs, &t, &w, &c, 1e-6);
        assert!(
            (beta[0] - 2.0).abs() < 1e-3 && (beta[3] - 20.0).abs() < 1e-3,
            "{beta:?}"
        );
        assert_eq!(beta[1], 0.0); // constant feature: no slope
        assert_eq!(ridge_fit(&[], &[], &[], &c, 1.0), [0.0; N]);
    }

    #[test]
    fn credibility_trusts_distinct_customers_and_not_identical_ones() {
        // Two customers, 20 invoices each, 0 and 30 days late with a little noise.
        let group: Vec<usize> = (0..40).map(|i| i / 20).collect();
        let weight = vec![1.0; 40];
        let y: Vec<f64> = (0..40)
            .map(|i| (i / 20) as f64 * 30.0 + (i % 3) as f64)
            .collect();
        let c = credibility(&group, &weight, &y, 2, None);
        assert!(c.z.iter().all(|&z| z > 0.95), "{:?}", c.z);
        assert!((c.base[1] - c.base[0] - 30.0).abs() < 2.0);
        // Same habit: the customer means are noise, shrink hard.
        let same: Vec<f64> = (0..40).map(|i| ((i * 7) % 11) as f64).collect();
        let c = credibility(&group, &weight, &same, 2, None);
        assert!(c.z.iter().all(|&z| z < 0.5), "{:?}", c.z);
        // One customer: nothing to estimate from; the fallback and the fixed k.
        let c = credibility(&[0, 0], &[1.0, 1.0], &[1.0, 3.0], 1, None);
        assert_eq!(c.k, FALLBACK_K);
        let c = credibility(&[0, 0], &[1.0, 1.0], &[1.0, 3.0], 1, Some(2.0));
        assert_eq!((c.k, c.z[0], c.base[0]), (2.0, 0.5, 2.0));
    }
}
