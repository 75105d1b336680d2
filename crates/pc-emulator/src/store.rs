//! The emulator's data: customers with their agreements and qualifications, and the partner's
//! GCC validation codes. Plain data behind one lock; every rule about it lives in the handlers.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use chrono::{DateTime, Utc};
use pc_model::{
    Agreement, Customer, CustomerTenantId, Qualification, QualificationKind, ValidationCode,
    VettingStatus,
};
use tokio::time::Instant;
use uuid::Uuid;

use crate::config::GccValidationCode;
use crate::vetting::VettingOutcome;

/// A customer and what belongs to it.
#[derive(Debug, Clone)]
pub(crate) struct CustomerRecord {
    /// The partner tenant that created it; other partners cannot see it.
    pub(crate) partner: Uuid,
    /// As answered by `GET`, without credentials.
    pub(crate) customer: Customer,
    /// Until then it answers `404` (read-after-create lag).
    pub(crate) visible_at: Instant,
    pub(crate) agreements: Vec<Agreement>,
    pub(crate) qualifications: Vec<QualificationRecord>,
}

impl CustomerRecord {
    pub(crate) fn domain(&self) -> &str {
        self.customer.domain().unwrap_or_default()
    }
}

/// A qualification and its vetting.
#[derive(Debug, Clone)]
pub(crate) struct QualificationRecord {
    pub(crate) kind: QualificationKind,
    pub(crate) created: DateTime<Utc>,
    /// `None` for kinds without vetting.
    pub(crate) vetting: Option<Vetting>,
}

/// When and how vetting ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Vetting {
    pub(crate) decided_at: Instant,
    pub(crate) outcome: VettingOutcome,
}

impl QualificationRecord {
    /// The status and reason as of `now`.
    pub(crate) fn status_at(&self, now: Instant) -> Option<(VettingStatus, Option<&'static str>)> {
        self.vetting.map(|v| {
            if now >= v.decided_at {
                v.outcome.final_status()
            } else {
                (VettingStatus::InReview, None)
            }
        })
    }

    /// As `pc-model` reads it (for snapshots).
    pub(crate) fn to_model(&self, now: Instant) -> Qualification {
        let status = self.status_at(now);
        let mut qualification = Qualification::default();
        qualification.qualification = Some(self.kind.clone());
        qualification.vetting_status = status.as_ref().map(|(s, _)| s.clone());
        qualification.vetting_reason = status.and_then(|(_, r)| r.map(str::to_owned));
        qualification.vetting_created_date = self.vetting.map(|_| self.created);
        qualification
    }
}

/// A GCC validation code and how often it was used.
#[derive(Debug, Clone)]
struct CodeRecord {
    code: GccValidationCode,
    used: u32,
}

/// Why a validation code cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeRefusal {
    Unknown,
    Exhausted,
}

/// All data.
#[derive(Debug)]
pub(crate) struct Store {
    partner: Uuid,
    initial_codes: Vec<GccValidationCode>,
    customers: Vec<CustomerRecord>,
    by_id: HashMap<CustomerTenantId, usize>,
    /// Lower-cased domain → index in `customers`, ordered so that a prefix search reads only the
    /// domains that start with the prefix.
    domains: BTreeMap<String, usize>,
    codes: Vec<CodeRecord>,
}

impl Store {
    /// An empty store for `partner` with its validation codes.
    pub(crate) fn new(partner: Uuid, codes: Vec<GccValidationCode>) -> Self {
        let mut store = Self {
            partner,
            initial_codes: codes,
            customers: Vec::new(),
            by_id: HashMap::new(),
            domains: BTreeMap::new(),
            codes: Vec::new(),
        };
        store.reset();
        store
    }

    /// Back to the initial state: no customers, unused codes.
    pub(crate) fn reset(&mut self) {
        self.customers.clear();
        self.by_id.clear();
        self.domains.clear();
        self.codes = self
            .initial_codes
            .iter()
            .map(|code| CodeRecord {
                code: code.clone(),
                used: 0,
            })
            .collect();
    }

    /// Whether a customer uses `domain` (case-insensitive), visible or not, whoever its partner.
    pub(crate) fn domain_taken(&self, domain: &str) -> bool {
        self.domains.contains_key(&domain.to_ascii_lowercase())
    }

    /// Adds a customer. The caller has checked that its id and domain are free.
    pub(crate) fn insert(&mut self, record: CustomerRecord) {
        let Some(id) = record.customer.id else {
            return;
        };
        self.domains
            .insert(record.domain().to_ascii_lowercase(), self.customers.len());
        self.by_id.insert(id, self.customers.len());
        self.customers.push(record);
    }

    /// The customer `id` of `partner`, if it is visible at `now`.
    pub(crate) fn customer_mut(
        &mut self,
        partner: Uuid,
        id: CustomerTenantId,
        now: Instant,
    ) -> Option<&mut CustomerRecord> {
        let index = *self.by_id.get(&id)?;
        let record = &mut self.customers[index];
        (record.partner == partner && record.visible_at <= now).then_some(record)
    }

    /// The first `limit` visible customers of `partner` for which `keep` holds, in creation
    /// order. Reads every customer: for a domain prefix, [`Store::customers_with_domain_prefix`]
    /// reads only the matching ones.
    pub(crate) fn customers_of(
        &self,
        partner: Uuid,
        now: Instant,
        limit: usize,
        keep: impl Fn(&Customer) -> bool,
    ) -> Vec<Customer> {
        self.customers
            .iter()
            .filter(|r| r.partner == partner && r.visible_at <= now && keep(&r.customer))
            .take(limit)
            .map(|r| r.customer.clone())
            .collect()
    }

    /// The first `limit` visible customers of `partner` whose lower-cased domain starts with
    /// `prefix` (lower-case), in creation order, found through the domain index.
    pub(crate) fn customers_with_domain_prefix(
        &self,
        partner: Uuid,
        now: Instant,
        prefix: &str,
        limit: usize,
    ) -> Vec<Customer> {
        let mut found: Vec<usize> = self
            .domains
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(domain, _)| domain.starts_with(prefix))
            .map(|(_, &index)| index)
            .filter(|&index| {
                let record = &self.customers[index];
                record.partner == partner && record.visible_at <= now
            })
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .take(limit)
            .map(|index| self.customers[index].customer.clone())
            .collect()
    }

    /// Uses one create of the validation code `id` of `partner`.
    pub(crate) fn use_code(&mut self, partner: Uuid, id: &str) -> Result<(), CodeRefusal> {
        if partner != self.partner {
            return Err(CodeRefusal::Unknown);
        }
        let record = self
            .codes
            .iter_mut()
            .find(|c| c.code.validation_id == id)
            .ok_or(CodeRefusal::Unknown)?;
        if record.used >= record.code.max_creates {
            return Err(CodeRefusal::Exhausted);
        }
        record.used += 1;
        Ok(())
    }

    /// The validation codes of `partner` as the service lists them.
    pub(crate) fn codes_of(&self, partner: Uuid) -> Vec<ValidationCode> {
        if partner != self.partner {
            return Vec::new();
        }
        self.codes
            .iter()
            .map(|c| {
                let mut code = ValidationCode::default();
                code.partner_id = Some(self.partner.to_string());
                code.organization_name = Some(c.code.organization_name.clone());
                code.validation_id = Some(c.code.validation_id.clone());
                code.max_creates = Some(i64::from(c.code.max_creates));
                code.remaining_creates = Some(i64::from(c.code.max_creates.saturating_sub(c.used)));
                code.etag = Some(format!("W/\"{}\"", c.used + 1));
                code
            })
            .collect()
    }

    /// Every customer (passwords left out), agreements and qualifications as of `now`.
    #[allow(clippy::type_complexity)]
    pub(crate) fn dump(
        &self,
        now: Instant,
    ) -> (
        Vec<Customer>,
        BTreeMap<CustomerTenantId, Vec<Agreement>>,
        BTreeMap<CustomerTenantId, Vec<Qualification>>,
    ) {
        let mut customers = Vec::with_capacity(self.customers.len());
        let mut agreements = BTreeMap::new();
        let mut qualifications = BTreeMap::new();
        for record in &self.customers {
            customers.push(record.customer.clone());
            if let Some(id) = record.customer.id {
                agreements.insert(id, record.agreements.clone());
                qualifications.insert(
                    id,
                    record
                        .qualifications
                        .iter()
                        .map(|q| q.to_model(now))
                        .collect(),
                );
            }
        }
        (customers, agreements, qualifications)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn record(partner: Uuid, domain: &str, visible_at: Instant) -> CustomerRecord {
        CustomerRecord {
            partner,
            customer: {
                let mut company = pc_model::CompanyProfile::default();
                company.domain = Some(domain.to_owned());
                let mut customer = Customer::default();
                customer.id = Some(CustomerTenantId::new_v4());
                customer.company_profile = Some(company);
                customer
            },
            visible_at,
            agreements: Vec::new(),
            qualifications: Vec::new(),
        }
    }

    #[test]
    fn customers_are_private_to_their_partner_and_hidden_during_the_lag() {
        let (me, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let now = Instant::now();
        let mut store = Store::new(me, Vec::new());
        let r = record(me, "A.onmicrosoft.com", now + Duration::from_secs(90));
        let id = r.customer.id.unwrap();
        store.insert(r);
        assert!(store.domain_taken("a.onmicrosoft.com"));
        assert!(store.customer_mut(me, id, now).is_none());
        let later = now + Duration::from_secs(90);
        assert!(store.customer_mut(me, id, later).is_some());
        assert!(store.customer_mut(other, id, later).is_none());
        assert_eq!(store.customers_of(me, later, 10, |_| true).len(), 1);
        assert!(store.customers_of(other, later, 10, |_| true).is_empty());
        assert_eq!(
            store
                .customers_with_domain_prefix(me, later, "a.", 10)
                .len(),
            1
        );
        assert!(
            store
                .customers_with_domain_prefix(me, now, "a.", 10)
                .is_empty()
        );
        assert!(
            store
                .customers_with_domain_prefix(other, later, "a.", 10)
                .is_empty()
        );
        store.reset();
        assert!(!store.domain_taken("a.onmicrosoft.com"));
    }

    #[test]
    fn a_domain_prefix_finds_exactly_its_customers_in_creation_order() {
        let me = Uuid::from_u128(1);
        let now = Instant::now();
        let mut store = Store::new(me, Vec::new());
        for domain in ["ab2.x", "AB1.x", "b.x", "aa.x", "ab.x", "abc.x"] {
            store.insert(record(me, domain, now));
        }
        let domains = |found: Vec<Customer>| -> Vec<String> {
            found
                .iter()
                .map(|c| c.domain().unwrap_or_default().to_owned())
                .collect()
        };
        assert_eq!(
            domains(store.customers_with_domain_prefix(me, now, "ab", 10)),
            ["ab2.x", "AB1.x", "ab.x", "abc.x"]
        );
        assert_eq!(
            domains(store.customers_with_domain_prefix(me, now, "ab", 2)),
            ["ab2.x", "AB1.x"]
        );
        assert!(
            store
                .customers_with_domain_prefix(me, now, "abd", 10)
                .is_empty()
        );
        assert!(
            store
                .customers_with_domain_prefix(me, now, "c", 10)
                .is_empty()
        );
        let everyone = store.customers_of(me, now, 10, |_| true);
        assert_eq!(
            domains(store.customers_with_domain_prefix(me, now, "", 10)),
            domains(everyone)
        );
    }

    #[test]
    fn codes_are_used_up() {
        let me = Uuid::from_u128(1);
        let mut store = Store::new(me, vec![GccValidationCode::new("1", "Org", 1)]);
        assert_eq!(store.codes_of(me)[0].remaining_creates, Some(1));
        assert_eq!(store.use_code(me, "2"), Err(CodeRefusal::Unknown));
        assert_eq!(store.use_code(Uuid::nil(), "1"), Err(CodeRefusal::Unknown));
        assert_eq!(store.use_code(me, "1"), Ok(()));
        assert_eq!(store.use_code(me, "1"), Err(CodeRefusal::Exhausted));
        assert_eq!(store.codes_of(me)[0].remaining_creates, Some(0));
        store.reset();
        assert_eq!(store.codes_of(me)[0].remaining_creates, Some(1));
    }

    #[test]
    fn vetting_is_decided_when_its_time_comes() {
        let now = Instant::now();
        let q = QualificationRecord {
            kind: QualificationKind::Education,
            created: Utc::now(),
            vetting: Some(Vetting {
                decided_at: now + Duration::from_secs(5),
                outcome: VettingOutcome::Denied("no"),
            }),
        };
        assert_eq!(q.status_at(now), Some((VettingStatus::InReview, None)));
        assert_eq!(
            q.status_at(now + Duration::from_secs(5)),
            Some((VettingStatus::Denied, Some("no")))
        );
        let soe = QualificationRecord {
            kind: QualificationKind::StateOwnedEntity,
            created: Utc::now(),
            vetting: None,
        };
        assert_eq!(soe.to_model(now).vetting_created_date, None);
    }
}
