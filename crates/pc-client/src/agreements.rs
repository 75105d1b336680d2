//! Agreements: metadata, the cached Microsoft Customer Agreement template, confirmation
//! (reconciled after an ambiguous retry) and the list.

use chrono::{DateTime, Utc};
use pc_model::current_template;
use pc_model::operations::{
    CREATE_AGREEMENT, CreateAgreement, GetAgreementMetadata, ListAgreements,
};
use pc_model::{
    Agreement, AgreementType, ContactRequest, CreateAgreementRequest, CustomerTenantId, TemplateId,
};
use pc_transport::CallOptions;

use crate::call::{Action, Call, Run, Sealed};
use crate::client::Client;
use crate::error::Error;

impl Client {
    /// Agreement templates of a type (`GET /v1/agreements?agreementType=…`; the type is always
    /// sent, since the service answers the cloud agreement without it): answers a
    /// [`Collection`](crate::Collection) of [`AgreementMetadata`](crate::AgreementMetadata).
    /// [`customer_agreement_template`](Self::customer_agreement_template) picks the current
    /// Microsoft Customer Agreement template from it.
    ///
    /// # Errors
    /// As any call (see [`Client`](crate::Client#errors-of-every-call)); it needs App+User
    /// tokens.
    pub fn agreement_metadata(
        &self,
        agreement_type: AgreementType,
    ) -> Call<'_, GetAgreementMetadata> {
        Call::new(self, Ok(GetAgreementMetadata { agreement_type }))
    }

    /// The current Microsoft Customer Agreement template id (the highest `versionRank`),
    /// fetched once per client and shared by its clones; concurrent first calls share one fetch,
    /// each waiting for it no longer than its own deadline.
    ///
    /// # Errors
    /// [`ErrorKind::NoAgreementTemplate`](crate::ErrorKind::NoAgreementTemplate) when the service
    /// lists none; the failure of the fetch when the fetch fails (not cached: the next call
    /// tries again). The fetch runs under the client's operation timeout.
    pub async fn customer_agreement_template(&self) -> Result<TemplateId, Error> {
        self.template(&self.start_call(CallOptions::default()))
            .await
    }

    async fn template(&self, options: &CallOptions) -> Result<TemplateId, Error> {
        let cell = &self.inner.mca_template;
        if let Some(id) = cell.get() {
            return Ok(*id);
        }
        let shared = cell.get_or_try_init(|| self.fetch_template(options));
        // The fetch may be another call's, running under that call's deadline: wait for it only
        // as long as this call may. Past that, a fetch of this call's own fails at once.
        let left = options
            .deadline
            .map(|d| d.saturating_duration_since(self.transport().clock().now()));
        match left {
            None => Ok(*shared.await?),
            Some(left) => match tokio::time::timeout(left, shared).await {
                Ok(id) => Ok(*id?),
                Err(_) => self.fetch_template(options).await,
            },
        }
    }

    async fn fetch_template(&self, options: &CallOptions) -> Result<TemplateId, Error> {
        let metadata = self
            .send(
                &GetAgreementMetadata::customer_agreement(),
                &self.read_options(options),
            )
            .await?;
        current_template(
            &metadata.value.items,
            &AgreementType::MicrosoftCustomerAgreement,
        )
        .and_then(|m| m.template_id)
        .ok_or_else(Error::no_agreement_template)
    }

    /// Records that the customer accepted an agreement
    /// (`POST /v1/customers/{id}/agreements`): answers the confirmed
    /// [`Agreement`](crate::Agreement). The request names the template: to have it looked up,
    /// use [`confirm_customer_agreement`](Self::confirm_customer_agreement).
    ///
    /// Refused locally, before anything is sent, in the US Government and 21Vianet clouds, where
    /// the operation does not exist. The body is validated first (contact, email, `dateAgreed`
    /// not in the future).
    ///
    /// Safe under retries: when an attempt may have recorded the agreement before failing, a
    /// failure of the retry (typically 600061, "already exists") is reconciled by listing the
    /// customer's Microsoft Customer Agreement confirmations (`agreementType` sent, since the
    /// service lists only cloud agreements without it): the one with the same template and
    /// contact is returned with
    /// [`Response::reconciled`](crate::Response::reconciled) set. A 600061 on a first attempt means the agreement existed
    /// before the call, and is returned as the error it is.
    ///
    /// # Errors
    /// - [`ErrorKind::NotAvailableInCloud`](crate::ErrorKind::NotAvailableInCloud): the US
    ///   Government and 21Vianet clouds; nothing was sent.
    /// - [`ErrorKind::Validation`](crate::ErrorKind::Validation): the body breaks a rule;
    ///   nothing was sent.
    /// - [`ErrorKind::Service`](crate::ErrorKind::Service) with
    ///   [`Error::existing`](crate::Error::existing) [`Existing::Agreement`](crate::Existing::Agreement)
    ///   (code `600061`): the customer had confirmed with this contact before the call.
    /// - Otherwise as any call (see [`Client`](crate::Client#errors-of-every-call)).
    pub fn confirm_agreement(
        &self,
        customer: CustomerTenantId,
        request: CreateAgreementRequest,
    ) -> Call<'_, CreateAgreement> {
        Call::new(
            self,
            Ok(CreateAgreement {
                customer,
                body: request,
            }),
        )
    }

    /// Confirms the Microsoft Customer Agreement from just the contact and the date: the
    /// template id is fetched (and cached) for you. Otherwise as
    /// [`confirm_agreement`](Self::confirm_agreement).
    ///
    /// # Errors
    /// As [`confirm_agreement`](Self::confirm_agreement) (refused before the template lookup
    /// when the cloud or the credential cannot confirm), and as
    /// [`customer_agreement_template`](Self::customer_agreement_template). The call's time
    /// limit covers the lookup too.
    pub fn confirm_customer_agreement(
        &self,
        customer: CustomerTenantId,
        contact: ContactRequest,
        date_agreed: DateTime<Utc>,
    ) -> Call<'_, ConfirmCustomerAgreement> {
        Call::new(
            self,
            Ok(ConfirmCustomerAgreement {
                customer,
                contact,
                date_agreed,
            }),
        )
    }

    /// A customer's confirmed agreements (`GET /v1/customers/{id}/agreements`) of one type:
    /// answers a [`Collection`](crate::Collection) of [`Agreement`](crate::Agreement)s.
    /// With `None` no `agreementType` is sent and the service answers its default, the
    /// MicrosoftCloudAgreement records only: pass
    /// `Some(AgreementType::MicrosoftCustomerAgreement)` to see Microsoft Customer Agreement
    /// confirmations.
    ///
    /// # Errors
    /// As any call (see [`Client`](crate::Client#errors-of-every-call)).
    pub fn list_agreements(
        &self,
        customer: CustomerTenantId,
        agreement_type: Option<AgreementType>,
    ) -> Call<'_, ListAgreements> {
        Call::new(
            self,
            Ok(ListAgreements {
                customer,
                agreement_type,
            }),
        )
    }
}

/// A confirmation of the Microsoft Customer Agreement with the current template, looked up for
/// the call; see [`Client::confirm_customer_agreement`].
#[derive(Debug, Clone)]
pub struct ConfirmCustomerAgreement {
    customer: CustomerTenantId,
    contact: ContactRequest,
    date_agreed: DateTime<Utc>,
}

impl Action for ConfirmCustomerAgreement {
    type Output = Agreement;

    fn run(self, client: &Client, options: CallOptions, _: Sealed) -> Run<'_, Self::Output> {
        Box::pin(async move {
            // Refused before the template lookup when the cloud lacks the operation or the
            // credential cannot confirm.
            client
                .transport()
                .check_allowed(&CREATE_AGREEMENT, CREATE_AGREEMENT.auth)?;
            // One deadline for the template lookup, the confirmation and its read-back.
            let options = client.start_call(options);
            let template = client.template(&options).await?;
            let body = CreateAgreementRequest::new(self.contact, template, self.date_agreed);
            let write = CreateAgreement {
                customer: self.customer,
                body,
            };
            client.write(&write, &options).await
        })
    }
}
