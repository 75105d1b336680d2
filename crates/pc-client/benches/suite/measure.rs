//! Side-by-side timing: the two sides alternate in rounds (A then B, then B then A, …) and the
//! figures are medians, so that a noisy neighbour hurts both sides alike.

use std::time::{Duration, Instant};

/// The median of `values` (the mean of the middle two for an even count); 0 when empty.
pub(crate) fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    }
}

/// One figure per round for each side.
#[derive(Debug, Default)]
pub(crate) struct Paired {
    pub(crate) a: Vec<f64>,
    pub(crate) b: Vec<f64>,
}

impl Paired {
    pub(crate) fn push(&mut self, a: f64, b: f64) {
        self.a.push(a);
        self.b.push(b);
    }

    pub(crate) fn median_a(&self) -> f64 {
        median(&self.a)
    }

    pub(crate) fn median_b(&self) -> f64 {
        median(&self.b)
    }

    /// The median of the per-round ratios a/b: each round's two figures were taken moments
    /// apart, so their ratio is what drift affects least.
    pub(crate) fn ratio(&self) -> f64 {
        let ratios: Vec<f64> = self
            .a
            .iter()
            .zip(&self.b)
            .filter(|(_, b)| **b > 0.0)
            .map(|(a, b)| a / b)
            .collect();
        median(&ratios)
    }
}

/// How many calls of `f` take about `budget` (at least 1).
pub(crate) fn calibrate(budget: Duration, mut f: impl FnMut()) -> usize {
    let mut n = 1usize;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        let took = start.elapsed();
        if took >= budget / 4 || n >= 1 << 24 {
            let per = took.as_secs_f64() / n as f64;
            return ((budget.as_secs_f64() / per.max(1e-9)) as usize).max(1);
        }
        n *= 2;
    }
}

/// Times `iters` calls of `a` and of `b`, `rounds` times, alternating which goes first; each
/// round's figure is nanoseconds per call.
pub(crate) fn interleave(
    rounds: usize,
    iters: usize,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> Paired {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        start.elapsed().as_nanos() as f64 / iters as f64
    };
    // One unrecorded round warms caches and allocator pools for both.
    time(&mut a);
    time(&mut b);
    let mut out = Paired::default();
    for round in 0..rounds {
        if round.is_multiple_of(2) {
            let ta = time(&mut a);
            let tb = time(&mut b);
            out.push(ta, tb);
        } else {
            let tb = time(&mut b);
            let ta = time(&mut a);
            out.push(ta, tb);
        }
    }
    out
}

/// A duration in nanoseconds, readably.
pub(crate) fn ns(value: f64) -> String {
    if value >= 1e6 {
        format!("{:.2} ms", value / 1e6)
    } else if value >= 1e3 {
        format!("{:.2} µs", value / 1e3)
    } else {
        format!("{value:.0} ns")
    }
}
