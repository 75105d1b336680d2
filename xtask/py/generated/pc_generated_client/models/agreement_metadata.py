from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_type_type_0 import AgreementTypeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.links import Links
    from ..models.resource_attributes import ResourceAttributes


T = TypeVar("T", bound="AgreementMetadata")


@_attrs_define
class AgreementMetadata:
    """One agreement template (`GET /v1/agreements`).

    Attributes:
        agreement_link (None | str | Unset): Link to the agreement text.
        agreement_type (AgreementTypeType0 | None | str | Unset): The agreement type.
        attributes (None | ResourceAttributes | Unset): Resource attributes.
        links (Links | None | Unset): Links.
        template_id (None | Unset | UUID): The template id to confirm against.
        version_rank (int | None | Unset): Version rank: the highest is the current version.
    """

    agreement_link: None | str | Unset = UNSET
    agreement_type: AgreementTypeType0 | None | str | Unset = UNSET
    attributes: None | ResourceAttributes | Unset = UNSET
    links: Links | None | Unset = UNSET
    template_id: None | Unset | UUID = UNSET
    version_rank: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415

        agreement_link: None | str | Unset
        if isinstance(self.agreement_link, Unset):
            agreement_link = UNSET
        else:
            agreement_link = self.agreement_link

        agreement_type: None | str | Unset
        if isinstance(self.agreement_type, Unset):
            agreement_type = UNSET
        elif isinstance(self.agreement_type, AgreementTypeType0):
            agreement_type = self.agreement_type.value
        else:
            agreement_type = self.agreement_type

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, ResourceAttributes):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        links: dict[str, Any] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, Links):
            links = self.links.to_dict()
        else:
            links = self.links

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        elif isinstance(self.template_id, UUID):
            template_id = str(self.template_id)
        else:
            template_id = self.template_id

        version_rank: int | None | Unset
        if isinstance(self.version_rank, Unset):
            version_rank = UNSET
        else:
            version_rank = self.version_rank

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agreement_link is not UNSET:
            field_dict["agreementLink"] = agreement_link
        if agreement_type is not UNSET:
            field_dict["agreementType"] = agreement_type
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if links is not UNSET:
            field_dict["links"] = links
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
        if version_rank is not UNSET:
            field_dict["versionRank"] = version_rank

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agreement_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agreement_link = _parse_agreement_link(d.pop("agreementLink", UNSET))

        def _parse_agreement_type(data: object) -> AgreementTypeType0 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_agreement_type_type_0 = AgreementTypeType0(data)

                return componentsschemas_agreement_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgreementTypeType0 | None | str | Unset, data)

        agreement_type = _parse_agreement_type(d.pop("agreementType", UNSET))

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

        def _parse_template_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                template_id_type_0 = UUID(data)

                return template_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        template_id = _parse_template_id(d.pop("templateId", UNSET))

        def _parse_version_rank(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version_rank = _parse_version_rank(d.pop("versionRank", UNSET))

        agreement_metadata = cls(
            agreement_link=agreement_link,
            agreement_type=agreement_type,
            attributes=attributes,
            links=links,
            template_id=template_id,
            version_rank=version_rank,
        )

        agreement_metadata.additional_properties = d
        return agreement_metadata

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
