from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.address_request_country import AddressRequestCountry
from ..types import UNSET, Unset

T = TypeVar("T", bound="AddressRequest")


@_attrs_define
class AddressRequest:
    """A postal address in a request.

    Attributes:
        address_line_1 (str): First address line, 1 to 200 characters.
        country (AddressRequestCountry): ISO 3166-1 alpha-2 country code.
        first_name (str): Contact first name, 1 to 50 characters.
        last_name (str): Contact last name, 1 to 50 characters.
        address_line_2 (None | str | Unset): Second address line, at most 200 characters.
        city (None | str | Unset): City.
        phone_number (None | str | Unset): Phone number. Required in the registration-number countries.
        postal_code (None | str | Unset): Postal code.
        region (None | str | Unset): Region, where the country has them.
        state (None | str | Unset): State or province.
    """

    address_line_1: str
    country: AddressRequestCountry
    first_name: str
    last_name: str
    address_line_2: None | str | Unset = UNSET
    city: None | str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    postal_code: None | str | Unset = UNSET
    region: None | str | Unset = UNSET
    state: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address_line_1 = self.address_line_1

        country = self.country.value

        first_name = self.first_name

        last_name = self.last_name

        address_line_2: None | str | Unset
        if isinstance(self.address_line_2, Unset):
            address_line_2 = UNSET
        else:
            address_line_2 = self.address_line_2

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        phone_number: None | str | Unset
        if isinstance(self.phone_number, Unset):
            phone_number = UNSET
        else:
            phone_number = self.phone_number

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "addressLine1": address_line_1,
                "country": country,
                "firstName": first_name,
                "lastName": last_name,
            }
        )
        if address_line_2 is not UNSET:
            field_dict["addressLine2"] = address_line_2
        if city is not UNSET:
            field_dict["city"] = city
        if phone_number is not UNSET:
            field_dict["phoneNumber"] = phone_number
        if postal_code is not UNSET:
            field_dict["postalCode"] = postal_code
        if region is not UNSET:
            field_dict["region"] = region
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address_line_1 = d.pop("addressLine1")

        country = AddressRequestCountry(d.pop("country"))

        first_name = d.pop("firstName")

        last_name = d.pop("lastName")

        def _parse_address_line_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address_line_2 = _parse_address_line_2(d.pop("addressLine2", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone_number = _parse_phone_number(d.pop("phoneNumber", UNSET))

        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postal_code = _parse_postal_code(d.pop("postalCode", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        address_request = cls(
            address_line_1=address_line_1,
            country=country,
            first_name=first_name,
            last_name=last_name,
            address_line_2=address_line_2,
            city=city,
            phone_number=phone_number,
            postal_code=postal_code,
            region=region,
            state=state,
        )

        return address_request
