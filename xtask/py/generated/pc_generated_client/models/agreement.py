from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agreement_type_type_0 import AgreementTypeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.links import Links
    from ..models.resource_attributes import ResourceAttributes


T = TypeVar("T", bound="Agreement")


@_attrs_define
class Agreement:
    """A confirmed agreement, as returned by confirmation (`201`) and by the list.

    Attributes:
        agreement_link (None | str | Unset): Link to the agreement text.
        attributes (None | ResourceAttributes | Unset): Resource attributes.
        date_agreed (None | str | Unset): When the customer accepted.
        links (Links | None | Unset): Links.
        primary_contact (Contact | None | Unset): The customer's contact who accepted.
        template_id (None | Unset | UUID): The agreement template.
        type_ (AgreementTypeType0 | None | str | Unset): The agreement type.
        user_id (None | str | Unset): The user who recorded the confirmation (set by the service).
    """

    agreement_link: None | str | Unset = UNSET
    attributes: None | ResourceAttributes | Unset = UNSET
    date_agreed: None | str | Unset = UNSET
    links: Links | None | Unset = UNSET
    primary_contact: Contact | None | Unset = UNSET
    template_id: None | Unset | UUID = UNSET
    type_: AgreementTypeType0 | None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415

        agreement_link: None | str | Unset
        if isinstance(self.agreement_link, Unset):
            agreement_link = UNSET
        else:
            agreement_link = self.agreement_link

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, ResourceAttributes):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        date_agreed: None | str | Unset
        if isinstance(self.date_agreed, Unset):
            date_agreed = UNSET
        else:
            date_agreed = self.date_agreed

        links: dict[str, Any] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, Links):
            links = self.links.to_dict()
        else:
            links = self.links

        primary_contact: dict[str, Any] | None | Unset
        if isinstance(self.primary_contact, Unset):
            primary_contact = UNSET
        elif isinstance(self.primary_contact, Contact):
            primary_contact = self.primary_contact.to_dict()
        else:
            primary_contact = self.primary_contact

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        elif isinstance(self.template_id, UUID):
            template_id = str(self.template_id)
        else:
            template_id = self.template_id

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, AgreementTypeType0):
            type_ = self.type_.value
        else:
            type_ = self.type_

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agreement_link is not UNSET:
            field_dict["agreementLink"] = agreement_link
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if date_agreed is not UNSET:
            field_dict["dateAgreed"] = date_agreed
        if links is not UNSET:
            field_dict["links"] = links
        if primary_contact is not UNSET:
            field_dict["primaryContact"] = primary_contact
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
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

        def _parse_date_agreed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        date_agreed = _parse_date_agreed(d.pop("dateAgreed", UNSET))

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

        def _parse_primary_contact(data: object) -> Contact | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                primary_contact_type_0 = Contact.from_dict(data)

                return primary_contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | Unset, data)

        primary_contact = _parse_primary_contact(d.pop("primaryContact", UNSET))

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

        def _parse_type_(data: object) -> AgreementTypeType0 | None | str | Unset:
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

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        agreement = cls(
            agreement_link=agreement_link,
            attributes=attributes,
            date_agreed=date_agreed,
            links=links,
            primary_contact=primary_contact,
            template_id=template_id,
            type_=type_,
            user_id=user_id,
        )

        agreement.additional_properties = d
        return agreement

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
