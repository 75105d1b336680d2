//! Qualifications and the partner's GCC validation codes.

use pc_model::operations::{CreateQualification, ListQualifications, ListValidationCodes};
use pc_model::{CreateQualificationRequest, CustomerTenantId};

use crate::call::Call;
use crate::client::Client;

impl Client {
    /// Requests a qualification for a customer
    /// (`POST /v1/customers/{id}/qualifications`). Vetting then runs asynchronously: see
    /// [`wait_for_vetting`](Self::wait_for_vetting).
    ///
    /// Safe under retries: when an attempt may have created the qualification before failing, a
    /// failure of the retry is reconciled by listing the customer's qualifications: one of the
    /// same kind is returned with [`Response::reconciled`](crate::Response::reconciled) set.
    ///
    /// # Errors
    /// [`Error`](crate::Error) of kind validation (e.g. a GCC code with
    /// whitespace), credential, network, timeout or service failures.
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
    /// (`GET /v1/customers/{id}/qualifications`).
    ///
    /// # Errors
    /// An [`Error`](crate::Error) for credential, network, timeout or service failures.
    pub fn list_qualifications(&self, customer: CustomerTenantId) -> Call<'_, ListQualifications> {
        Call::new(self, Ok(ListQualifications { customer }))
    }

    /// The partner's Government Community Cloud validation codes
    /// (`GET /v1/customers/all/validations`). A code's `validationId` is what
    /// [`CreateQualificationRequest::government_community_cloud`] takes.
    ///
    /// # Errors
    /// An [`Error`](crate::Error) for credential, network, timeout or service failures.
    pub fn validation_codes(&self) -> Call<'_, ListValidationCodes> {
        Call::new(self, Ok(ListValidationCodes))
    }
}
