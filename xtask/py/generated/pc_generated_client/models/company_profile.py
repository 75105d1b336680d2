from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.links import Links
    from ..models.resource_attributes import ResourceAttributes


T = TypeVar("T", bound="CompanyProfile")


@_attrs_define
class CompanyProfile:
    """A customer's company profile, as returned.

    Attributes:
        attributes (None | ResourceAttributes | Unset): Resource attributes.
        company_name (None | str | Unset): The company name.
        domain (None | str | Unset): The domain.
        links (Links | None | Unset): Links.
        organization_registration_number (None | str | Unset): The organization registration number.
        tenant_id (None | Unset | UUID): The tenant id.
    """

    attributes: None | ResourceAttributes | Unset = UNSET
    company_name: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    links: Links | None | Unset = UNSET
    organization_registration_number: None | str | Unset = UNSET
    tenant_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        links: dict[str, Any] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, Links):
            links = self.links.to_dict()
        else:
            links = self.links

        organization_registration_number: None | str | Unset
        if isinstance(self.organization_registration_number, Unset):
            organization_registration_number = UNSET
        else:
            organization_registration_number = self.organization_registration_number

        tenant_id: None | str | Unset
        if isinstance(self.tenant_id, Unset):
            tenant_id = UNSET
        elif isinstance(self.tenant_id, UUID):
            tenant_id = str(self.tenant_id)
        else:
            tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if company_name is not UNSET:
            field_dict["companyName"] = company_name
        if domain is not UNSET:
            field_dict["domain"] = domain
        if links is not UNSET:
            field_dict["links"] = links
        if organization_registration_number is not UNSET:
            field_dict["organizationRegistrationNumber"] = organization_registration_number
        if tenant_id is not UNSET:
            field_dict["tenantId"] = tenant_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

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

        def _parse_organization_registration_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_registration_number = _parse_organization_registration_number(
            d.pop("organizationRegistrationNumber", UNSET)
        )

        def _parse_tenant_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tenant_id_type_0 = UUID(data)

                return tenant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        tenant_id = _parse_tenant_id(d.pop("tenantId", UNSET))

        company_profile = cls(
            attributes=attributes,
            company_name=company_name,
            domain=domain,
            links=links,
            organization_registration_number=organization_registration_number,
            tenant_id=tenant_id,
        )

        company_profile.additional_properties = d
        return company_profile

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
