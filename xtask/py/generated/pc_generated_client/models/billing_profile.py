from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.links import Links
    from ..models.resource_attributes import ResourceAttributes


T = TypeVar("T", bound="BillingProfile")


@_attrs_define
class BillingProfile:
    """A customer's billing profile, as returned.

    Attributes:
        attributes (None | ResourceAttributes | Unset): Resource attributes.
        company_name (None | str | Unset): Company name.
        culture (None | str | Unset): Culture, e.g. `en-US`.
        default_address (Address | None | Unset): Registered address.
        email (None | str | Unset): Email address.
        first_name (None | str | Unset): First name of the billing contact.
        id (None | str | Unset): The profile id.
        language (None | str | Unset): Language, e.g. `en`.
        last_name (None | str | Unset): Last name of the billing contact.
        links (Links | None | Unset): Links.
    """

    attributes: None | ResourceAttributes | Unset = UNSET
    company_name: None | str | Unset = UNSET
    culture: None | str | Unset = UNSET
    default_address: Address | None | Unset = UNSET
    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    id: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    links: Links | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, ResourceAttributes):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        culture: None | str | Unset
        if isinstance(self.culture, Unset):
            culture = UNSET
        else:
            culture = self.culture

        default_address: dict[str, Any] | None | Unset
        if isinstance(self.default_address, Unset):
            default_address = UNSET
        elif isinstance(self.default_address, Address):
            default_address = self.default_address.to_dict()
        else:
            default_address = self.default_address

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        links: dict[str, Any] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, Links):
            links = self.links.to_dict()
        else:
            links = self.links

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if company_name is not UNSET:
            field_dict["companyName"] = company_name
        if culture is not UNSET:
            field_dict["culture"] = culture
        if default_address is not UNSET:
            field_dict["defaultAddress"] = default_address
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if id is not UNSET:
            field_dict["id"] = id
        if language is not UNSET:
            field_dict["language"] = language
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if links is not UNSET:
            field_dict["links"] = links

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_attributes(data: object) -> None | ResourceAttributes | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attributes_type_0 = ResourceAttributes.from_dict(data)

                return attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceAttributes | Unset, data)

        attributes = _parse_attributes(d.pop("attributes", UNSET))

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("companyName", UNSET))

        def _parse_culture(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        culture = _parse_culture(d.pop("culture", UNSET))

        def _parse_default_address(data: object) -> Address | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                default_address_type_0 = Address.from_dict(data)

                return default_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Address | None | Unset, data)

        default_address = _parse_default_address(d.pop("defaultAddress", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("firstName", UNSET))

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("lastName", UNSET))

        def _parse_links(data: object) -> Links | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                links_type_0 = Links.from_dict(data)

                return links_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Links | None | Unset, data)

        links = _parse_links(d.pop("links", UNSET))

        billing_profile = cls(
            attributes=attributes,
            company_name=company_name,
            culture=culture,
            default_address=default_address,
            email=email,
            first_name=first_name,
            id=id,
            language=language,
            last_name=last_name,
            links=links,
        )

        billing_profile.additional_properties = d
        return billing_profile

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
