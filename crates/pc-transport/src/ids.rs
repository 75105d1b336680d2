//! [`RequestId`] and [`CorrelationId`]: the two GUIDs every request carries, defined with the
//! other GUID newtypes in [`pc_model`] and re-exported here.

pub use pc_model::{CorrelationId, IdError, RequestId};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_guid_form_and_prints_hyphenated_lowercase() {
        let id: RequestId = " {626099FE-17AF-4756-9FD0-6A73B7127859} ".parse().unwrap();
        assert_eq!(id.to_string(), "626099fe-17af-4756-9fd0-6a73b7127859");
        assert_eq!(
            format!("{id:?}"),
            "RequestId(626099fe-17af-4756-9fd0-6a73b7127859)"
        );
        let err = "nope".parse::<CorrelationId>().unwrap_err();
        assert!(err.to_string().starts_with("MS-CorrelationId"), "{err}");
        assert_ne!(RequestId::new_v4(), RequestId::new_v4());
    }
}
