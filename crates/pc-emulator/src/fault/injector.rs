//! Decides which request gets which fault: scripted faults first (in the order they were
//! queued), then random faults drawn from a seeded generator, so the same seed and the same
//! sequence of requests give the same faults.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::fault::{Fault, ScriptedFault};

/// The fault decisions of one emulator.
#[derive(Debug)]
pub(crate) struct Injector {
    seed: u64,
    rate: f64,
    kinds: Vec<Fault>,
    rng: StdRng,
    script: Vec<ScriptedFault>,
}

impl Injector {
    /// Random faults at `rate` among `kinds` (every kind when empty), seeded with `seed`.
    pub(crate) fn new(seed: u64, rate: f64, kinds: Vec<Fault>) -> Self {
        let kinds = if kinds.is_empty() {
            Fault::all()
        } else {
            kinds
        };
        Self {
            seed,
            rate,
            kinds,
            rng: StdRng::seed_from_u64(seed),
            script: Vec::new(),
        }
    }

    /// Queues scripted faults after those already queued.
    pub(crate) fn script(&mut self, faults: impl IntoIterator<Item = ScriptedFault>) {
        self.script
            .extend(faults.into_iter().filter(|f| f.times > 0));
    }

    /// Drops every scripted fault.
    pub(crate) fn clear_script(&mut self) {
        self.script.clear();
    }

    /// How many scripted faults are left (each `times` counts).
    pub(crate) fn pending(&self) -> u64 {
        self.script.iter().map(|f| u64::from(f.times)).sum()
    }

    /// No scripted faults and the generator back at its seed.
    pub(crate) fn reset(&mut self) {
        self.script.clear();
        self.rng = StdRng::seed_from_u64(self.seed);
    }

    /// The fault for a request: the first scripted fault that matches (used up once), else, when
    /// `random` is allowed, a random one at the configured rate.
    pub(crate) fn next(&mut self, method: &str, path: &str, random: bool) -> Option<Fault> {
        if let Some(index) = self.script.iter().position(|f| f.matches(method, path)) {
            let scripted = &mut self.script[index];
            let fault = scripted.fault;
            scripted.times -= 1;
            if scripted.times == 0 {
                self.script.remove(index);
            }
            return Some(fault);
        }
        if !random || self.rate <= 0.0 {
            return None;
        }
        if self.rng.random::<f64>() < self.rate {
            let index = self.rng.random_range(0..self.kinds.len());
            return Some(self.kinds[index]);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::FaultKind;

    #[test]
    fn scripted_faults_come_first_and_are_used_up() {
        let mut injector = Injector::new(1, 0.0, Vec::new());
        let close = Fault::after(FaultKind::CloseConnection);
        injector.script([
            ScriptedFault::new("POST", "/v1/customers", close).times(2),
            ScriptedFault::new("GET", "*", Fault::before(FaultKind::InternalError)).times(0),
        ]);
        assert_eq!(injector.pending(), 2);
        assert_eq!(injector.next("GET", "/v1/customers", true), None);
        assert_eq!(injector.next("POST", "/v1/customers", false), Some(close));
        assert_eq!(injector.next("POST", "/v1/customers", false), Some(close));
        assert_eq!(injector.next("POST", "/v1/customers", false), None);
        assert_eq!(injector.pending(), 0);
    }

    #[test]
    fn random_faults_follow_the_seed() {
        let draw = |seed| {
            let mut injector = Injector::new(seed, 0.3, Vec::new());
            (0..200)
                .map(|_| injector.next("GET", "/v1/x", true))
                .collect::<Vec<_>>()
        };
        let a = draw(7);
        assert_eq!(a, draw(7));
        assert_ne!(a, draw(8));
        let hits = a.iter().flatten().count();
        assert!((30..=90).contains(&hits), "{hits}");
        let mut off = Injector::new(7, 0.3, Vec::new());
        assert!((0..50).all(|_| off.next("GET", "/", false).is_none()));
        let mut injector = Injector::new(7, 1.0, vec![Fault::before(FaultKind::NonJsonError)]);
        injector.next("GET", "/", true);
        injector.reset();
        assert_eq!(
            injector.next("GET", "/", true),
            Some(Fault::before(FaultKind::NonJsonError))
        );
    }
}
