"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .address_request import AddressRequest
from .address_request_country import AddressRequestCountry
from .agreement import Agreement
from .agreement_collection import AgreementCollection
from .agreement_metadata import AgreementMetadata
from .agreement_metadata_collection import AgreementMetadataCollection
from .agreement_type_type_0 import AgreementTypeType0
from .billing_profile import BillingProfile
from .billing_profile_request import BillingProfileRequest
from .company_profile import CompanyProfile
from .company_profile_request import CompanyProfileRequest
from .confirm_customer_agreement_request import ConfirmCustomerAgreementRequest
from .contact import Contact
from .contact_request import ContactRequest
from .create_customer_request import CreateCustomerRequest
from .customer import Customer
from .customer_collection import CustomerCollection
from .customer_filter import CustomerFilter
from .link import Link
from .links import Links
from .qualification import Qualification
from .qualification_collection import QualificationCollection
from .qualification_create_request_type_0 import QualificationCreateRequestType0
from .qualification_create_request_type_1 import QualificationCreateRequestType1
from .qualification_create_request_type_2 import QualificationCreateRequestType2
from .qualification_kind_type_0 import QualificationKindType0
from .qualifications_envelope import QualificationsEnvelope
from .relationship_to_partner_type_0 import RelationshipToPartnerType0
from .resource_attributes import ResourceAttributes
from .service_error import ServiceError
from .throttling_error import ThrottlingError
from .user_credentials import UserCredentials
from .validation_code import ValidationCode
from .validation_code_collection import ValidationCodeCollection
from .vetting_status_type_0 import VettingStatusType0

__all__ = (
    "Address",
    "AddressRequest",
    "AddressRequestCountry",
    "Agreement",
    "AgreementCollection",
    "AgreementMetadata",
    "AgreementMetadataCollection",
    "AgreementTypeType0",
    "BillingProfile",
    "BillingProfileRequest",
    "CompanyProfile",
    "CompanyProfileRequest",
    "ConfirmCustomerAgreementRequest",
    "Contact",
    "ContactRequest",
    "CreateCustomerRequest",
    "Customer",
    "CustomerCollection",
    "CustomerFilter",
    "Link",
    "Links",
    "Qualification",
    "QualificationCollection",
    "QualificationCreateRequestType0",
    "QualificationCreateRequestType1",
    "QualificationCreateRequestType2",
    "QualificationKindType0",
    "QualificationsEnvelope",
    "RelationshipToPartnerType0",
    "ResourceAttributes",
    "ServiceError",
    "ThrottlingError",
    "UserCredentials",
    "ValidationCode",
    "ValidationCodeCollection",
    "VettingStatusType0",
)
