//! Qualifications and the partner's GCC validation codes.

use pc_model::operations::{CreateQualification, ListQualifications, ListValidationCodes};
use pc_model::{CreateQualificationRequest, CustomerTenantId};

use crate::call::Call;
use crate::client::Client;

impl Client {
    /// Requests a qualification for a customer
    /// (`POST /v1/customers/{id}/qualifications`): answers the
    /// [`Qualification`](crate::Qualification) as created (its `vettingStatus` usually
    /// `InReview`; none for a State Owned Entity). Vetting then runs asynchronously: see
    /// [`wait_for_vetting`](Self::wait_for_vetting).
    ///
    /// Safe under retries: when an attempt may have created the qualification before failing, a
    /// failure of the retry is reconciled by listing the customer's qualifications: one of the
    /// same kind is returned with [`Response::reconciled`](crate::Response::reconciled) set.
    ///
    /// # Errors
    /// - [`ErrorKind::Validation`](crate::ErrorKind::Validation): the body breaks a rule (e.g.
    ///   a GCC code with whitespace); nothing was sent.
    /// - [`ErrorKind::Service`](crate::ErrorKind::Service) with
    ///   [`Error::existing`](crate::Error::existing)
    ///   [`Existing::Qualification`](crate::Existing::Qualification): the customer had a
    ///   qualification of that kind before the call (assumed `409`: the service's answer is
    ///   undocumented); a GCC validation code the service refuses.
    /// - Otherwise as any call (see [`Client`](crate::Client#errors-of-every-call)).
    pub fn create_qualification(
        &self,
        customer: CustomerTenantId,
        request: CreateQualificationRequest,
    ) -> Call<'_, CreateQualification> {
        Call::new(
            self,
            Ok(CreateQualification {
                customer,
                body: request,
            }),
        )
    }

    /// A customer's qualifications with their vetting status
    /// (`GET /v1/customers/{id}/qualifications`): answers them in a `Vec` of
    /// [`Qualification`](crate::Qualification)s (the service answers a bare array).
    ///
    /// # Errors
    /// As any call (see [`Client`](crate::Client#errors-of-every-call)).
    pub fn list_qualifications(&self, customer: CustomerTenantId) -> Call<'_, ListQualifications> {
        Call::new(self, Ok(ListQualifications { customer }))
    }

    /// The partner's Government Community Cloud validation codes
    /// (`GET /v1/customers/all/validations`): answers them in a `Vec` of
    /// [`ValidationCode`](crate::ValidationCode)s. A code's `validationId` is what
    /// [`CreateQualificationRequest::government_community_cloud`] takes.
    ///
    /// # Errors
    /// As any call (see [`Client`](crate::Client#errors-of-every-call)); it needs App+User
    /// tokens.
    pub fn validation_codes(&self) -> Call<'_, ListValidationCodes> {
        Call::new(self, Ok(ListValidationCodes))
    }
}
