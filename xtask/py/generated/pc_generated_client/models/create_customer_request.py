from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.billing_profile_request import BillingProfileRequest
    from ..models.company_profile_request import CompanyProfileRequest


T = TypeVar("T", bound="CreateCustomerRequest")


@_attrs_define
class CreateCustomerRequest:
    """The body of `POST /v1/customers`: a new customer, for an indirect reseller when `associatedPartnerId` is set.

    It never carries `userCredentials`: the service refuses a supplied password.

    Rules: domain `<prefix>.onmicrosoft.com` (prefix 1 to 27 letters or digits); billing email, culture (`en-US`, any
    case), two-letter language, company name; address line 1 (1 to 200 characters), line 2 (at most 200), first and last
    name (1 to 50); and, when the billing address country is in the registration-number list, a non-blank
    `companyProfile.organizationRegistrationNumber` and `billingProfile.defaultAddress.phoneNumber`.

    Not expressed by this schema: the list of countries that require `organizationRegistrationNumber` and `phoneNumber`
    is data. The `allOf` rule holds the default list of the current Partner Center documentation (25 countries); the
    service's list has changed over the years, and the Rust validator lets a caller replace it at run time. A caller
    that uses another list must check that rule itself.

        Attributes:
            billing_profile (BillingProfileRequest): The billing profile of a new customer.
            company_profile (CompanyProfileRequest): The company profile of a new customer.
            associated_partner_id (None | Unset | UUID): The indirect reseller the customer is created for. Without it the
                customer becomes a direct customer of the provider.
            enable_gdap_by_default (bool | None | Unset): `true` creates a default GDAP relationship, `false` none; absent
                means the service default.
    """

    billing_profile: BillingProfileRequest
    company_profile: CompanyProfileRequest
    associated_partner_id: None | Unset | UUID = UNSET
    enable_gdap_by_default: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        billing_profile = self.billing_profile.to_dict()

        company_profile = self.company_profile.to_dict()

        associated_partner_id: None | str | Unset
        if isinstance(self.associated_partner_id, Unset):
            associated_partner_id = UNSET
        elif isinstance(self.associated_partner_id, UUID):
            associated_partner_id = str(self.associated_partner_id)
        else:
            associated_partner_id = self.associated_partner_id

        enable_gdap_by_default: bool | None | Unset
        if isinstance(self.enable_gdap_by_default, Unset):
            enable_gdap_by_default = UNSET
        else:
            enable_gdap_by_default = self.enable_gdap_by_default

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "billingProfile": billing_profile,
                "companyProfile": company_profile,
            }
        )
        if associated_partner_id is not UNSET:
            field_dict["associatedPartnerId"] = associated_partner_id
        if enable_gdap_by_default is not UNSET:
            field_dict["enableGDAPByDefault"] = enable_gdap_by_default

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.billing_profile_request import BillingProfileRequest  # noqa: PLC0415
        from ..models.company_profile_request import CompanyProfileRequest  # noqa: PLC0415

        d = dict(src_dict)
        billing_profile = BillingProfileRequest.from_dict(d.pop("billingProfile"))

        company_profile = CompanyProfileRequest.from_dict(d.pop("companyProfile"))

        def _parse_associated_partner_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                associated_partner_id_type_0 = UUID(data)

                return associated_partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        associated_partner_id = _parse_associated_partner_id(d.pop("associatedPartnerId", UNSET))

        def _parse_enable_gdap_by_default(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enable_gdap_by_default = _parse_enable_gdap_by_default(d.pop("enableGDAPByDefault", UNSET))

        create_customer_request = cls(
            billing_profile=billing_profile,
            company_profile=company_profile,
            associated_partner_id=associated_partner_id,
            enable_gdap_by_default=enable_gdap_by_default,
        )

        return create_customer_request
