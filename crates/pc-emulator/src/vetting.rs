//! How the emulator decides the vetting of a qualification: a deterministic rule, so that demos
//! and tests choose the outcome through the data they send.
//!
//! - `StateOwnedEntity` has no vetting at all (no `vettingStatus`).
//! - `Education` and `GovernmentCommunityCloud` start `InReview`. After the configured vetting
//!   delay ([`EmulatorConfig::vetting_delay`](crate::EmulatorConfig::vetting_delay)):
//!   - if the customer's domain or the Education `website` contains [`DENY_MARKER`] (`deny`,
//!     any case), the qualification is `Denied` with reason [`EDUCATION_DENIAL_REASON`] or
//!     [`GCC_DENIAL_REASON`];
//!   - else if either contains [`PENDING_MARKER`] (`pending`), it stays `InReview` for ever;
//!   - else it is `Approved`.
//!
//! For example a customer `denyschool.onmicrosoft.com` is denied Education, and so is any customer
//! whose Education request says `"website": "deny.example.edu"`.

use pc_model::{QualificationKind, VettingStatus};

/// A domain or website containing this (any case) is denied.
pub const DENY_MARKER: &str = "deny";
/// A domain or website containing this (any case) is never decided.
pub const PENDING_MARKER: &str = "pending";
/// The reason of a denied Education qualification (the documented example).
pub const EDUCATION_DENIAL_REASON: &str = "Not an Education Customer";
/// The reason of a denied Government Community Cloud qualification.
pub const GCC_DENIAL_REASON: &str = "Not a Government Community Cloud Customer";

/// How vetting ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VettingOutcome {
    /// `Approved`.
    Approved,
    /// `Denied`, with this reason.
    Denied(&'static str),
    /// Stays `InReview`.
    StaysInReview,
}

impl VettingOutcome {
    /// The status and reason once the vetting delay has passed.
    pub fn final_status(self) -> (VettingStatus, Option<&'static str>) {
        match self {
            Self::Approved => (VettingStatus::Approved, None),
            Self::Denied(reason) => (VettingStatus::Denied, Some(reason)),
            Self::StaysInReview => (VettingStatus::InReview, None),
        }
    }
}

/// The outcome of vetting a `kind` qualification for the customer with `domain`; `None` when the
/// kind has no vetting (State Owned Entity).
pub fn vetting_outcome(
    kind: &QualificationKind,
    domain: &str,
    website: Option<&str>,
) -> Option<VettingOutcome> {
    let reason = match kind {
        QualificationKind::Education => EDUCATION_DENIAL_REASON,
        QualificationKind::GovernmentCommunityCloud => GCC_DENIAL_REASON,
        _ => return None,
    };
    let text = format!("{domain} {}", website.unwrap_or_default()).to_ascii_lowercase();
    Some(if text.contains(DENY_MARKER) {
        VettingOutcome::Denied(reason)
    } else if text.contains(PENDING_MARKER) {
        VettingOutcome::StaysInReview
    } else {
        VettingOutcome::Approved
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        let edu = QualificationKind::Education;
        assert_eq!(
            vetting_outcome(&edu, "contoso.onmicrosoft.com", Some("contoso.edu")),
            Some(VettingOutcome::Approved)
        );
        assert_eq!(
            vetting_outcome(&edu, "DenySchool.onmicrosoft.com", None),
            Some(VettingOutcome::Denied(EDUCATION_DENIAL_REASON))
        );
        assert_eq!(
            vetting_outcome(&edu, "contoso.onmicrosoft.com", Some("deny.example.edu")),
            Some(VettingOutcome::Denied(EDUCATION_DENIAL_REASON))
        );
        assert_eq!(
            vetting_outcome(
                &QualificationKind::GovernmentCommunityCloud,
                "pendingcity.onmicrosoft.com",
                None
            ),
            Some(VettingOutcome::StaysInReview)
        );
        assert_eq!(
            vetting_outcome(
                &QualificationKind::StateOwnedEntity,
                "deny.onmicrosoft.com",
                None
            ),
            None
        );
        assert_eq!(
            VettingOutcome::Denied(GCC_DENIAL_REASON).final_status(),
            (VettingStatus::Denied, Some(GCC_DENIAL_REASON))
        );
    }
}
