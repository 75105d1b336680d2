from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ValidationCode")


@_attrs_define
class ValidationCode:
    """One GCC validation code of the partner. Its `validationId` is what a Government Community Cloud qualification
    request sends as `validationCode`.

        Attributes:
            e_tag (None | str | Unset): Version tag.
            max_creates (int | None | Unset): How many customers the code may qualify in all.
            organization_name (None | str | Unset): The organization the code was issued to.
            partner_id (None | str | Unset): The partner's id.
            remaining_creates (int | None | Unset): How many more customers the code may qualify.
            validation_id (None | str | Unset): The code itself.
    """

    e_tag: None | str | Unset = UNSET
    max_creates: int | None | Unset = UNSET
    organization_name: None | str | Unset = UNSET
    partner_id: None | str | Unset = UNSET
    remaining_creates: int | None | Unset = UNSET
    validation_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        e_tag: None | str | Unset
        if isinstance(self.e_tag, Unset):
            e_tag = UNSET
        else:
            e_tag = self.e_tag

        max_creates: int | None | Unset
        if isinstance(self.max_creates, Unset):
            max_creates = UNSET
        else:
            max_creates = self.max_creates

        organization_name: None | str | Unset
        if isinstance(self.organization_name, Unset):
            organization_name = UNSET
        else:
            organization_name = self.organization_name

        partner_id: None | str | Unset
        if isinstance(self.partner_id, Unset):
            partner_id = UNSET
        else:
            partner_id = self.partner_id

        remaining_creates: int | None | Unset
        if isinstance(self.remaining_creates, Unset):
            remaining_creates = UNSET
        else:
            remaining_creates = self.remaining_creates

        validation_id: None | str | Unset
        if isinstance(self.validation_id, Unset):
            validation_id = UNSET
        else:
            validation_id = self.validation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if e_tag is not UNSET:
            field_dict["eTag"] = e_tag
        if max_creates is not UNSET:
            field_dict["maxCreates"] = max_creates
        if organization_name is not UNSET:
            field_dict["organizationName"] = organization_name
        if partner_id is not UNSET:
            field_dict["partnerId"] = partner_id
        if remaining_creates is not UNSET:
            field_dict["remainingCreates"] = remaining_creates
        if validation_id is not UNSET:
            field_dict["validationId"] = validation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_e_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        e_tag = _parse_e_tag(d.pop("eTag", UNSET))

        def _parse_max_creates(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_creates = _parse_max_creates(d.pop("maxCreates", UNSET))

        def _parse_organization_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_name = _parse_organization_name(d.pop("organizationName", UNSET))

        def _parse_partner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        partner_id = _parse_partner_id(d.pop("partnerId", UNSET))

        def _parse_remaining_creates(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        remaining_creates = _parse_remaining_creates(d.pop("remainingCreates", UNSET))

        def _parse_validation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        validation_id = _parse_validation_id(d.pop("validationId", UNSET))

        validation_code = cls(
            e_tag=e_tag,
            max_creates=max_creates,
            organization_name=organization_name,
            partner_id=partner_id,
            remaining_creates=remaining_creates,
            validation_id=validation_id,
        )

        validation_code.additional_properties = d
        return validation_code

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
