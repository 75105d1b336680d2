from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.address_request import AddressRequest


T = TypeVar("T", bound="BillingProfileRequest")


@_attrs_define
class BillingProfileRequest:
    """The billing profile of a new customer.

    Attributes:
        company_name (str): The registered company name.
        culture (str): Culture for communication and currency, e.g. `en-US` (any case; the service normalises it).
        default_address (AddressRequest): A postal address in a request.
        email (str): The customer's email address.
        language (str): Two-letter language code, e.g. `en` (any case).
    """

    company_name: str
    culture: str
    default_address: AddressRequest
    email: str
    language: str

    def to_dict(self) -> dict[str, Any]:
        company_name = self.company_name

        culture = self.culture

        default_address = self.default_address.to_dict()

        email = self.email

        language = self.language

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "companyName": company_name,
                "culture": culture,
                "defaultAddress": default_address,
                "email": email,
                "language": language,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_request import AddressRequest  # noqa: PLC0415

        d = dict(src_dict)
        company_name = d.pop("companyName")

        culture = d.pop("culture")

        default_address = AddressRequest.from_dict(d.pop("defaultAddress"))

        email = d.pop("email")

        language = d.pop("language")

        billing_profile_request = cls(
            company_name=company_name,
            culture=culture,
            default_address=default_address,
            email=email,
            language=language,
        )

        return billing_profile_request
