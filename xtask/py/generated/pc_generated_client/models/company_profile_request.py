from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompanyProfileRequest")


@_attrs_define
class CompanyProfileRequest:
    """The company profile of a new customer.

    Attributes:
        domain (str): The new tenant's domain, `<prefix>.onmicrosoft.com`.
        organization_registration_number (None | str | Unset): The organization registration number (INN and similar).
            Required in some countries; optional elsewhere.
    """

    domain: str
    organization_registration_number: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        organization_registration_number: None | str | Unset
        if isinstance(self.organization_registration_number, Unset):
            organization_registration_number = UNSET
        else:
            organization_registration_number = self.organization_registration_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "domain": domain,
            }
        )
        if organization_registration_number is not UNSET:
            field_dict["organizationRegistrationNumber"] = organization_registration_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domain = d.pop("domain")

        def _parse_organization_registration_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_registration_number = _parse_organization_registration_number(
            d.pop("organizationRegistrationNumber", UNSET)
        )

        company_profile_request = cls(
            domain=domain,
            organization_registration_number=organization_registration_number,
        )

        return company_profile_request
