from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.qualification_kind_type_0 import QualificationKindType0
from ..models.vetting_status_type_0 import VettingStatusType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="Qualification")


@_attrs_define
class Qualification:
    """A customer's qualification, as returned by create (`201`) and list (`200`).

    The service spells the date `vettingCreateDate` in the create response and `vettingCreatedDate` in the list; both
    are accepted and mean the same (written back as `vettingCreatedDate`). A State Owned Entity has no vetting fields.

        Attributes:
            qualification (None | QualificationKindType0 | str | Unset): The qualification.
            vetting_create_date (None | str | Unset): When vetting started (the spelling of the create response).
            vetting_created_date (None | str | Unset): When vetting started (the spelling of the list response).
            vetting_reason (None | str | Unset): Why vetting ended as it did.
            vetting_status (None | str | Unset | VettingStatusType0): Where vetting stands.
    """

    qualification: None | QualificationKindType0 | str | Unset = UNSET
    vetting_create_date: None | str | Unset = UNSET
    vetting_created_date: None | str | Unset = UNSET
    vetting_reason: None | str | Unset = UNSET
    vetting_status: None | str | Unset | VettingStatusType0 = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qualification: None | str | Unset
        if isinstance(self.qualification, Unset):
            qualification = UNSET
        elif isinstance(self.qualification, QualificationKindType0):
            qualification = self.qualification.value
        else:
            qualification = self.qualification

        vetting_create_date: None | str | Unset
        if isinstance(self.vetting_create_date, Unset):
            vetting_create_date = UNSET
        else:
            vetting_create_date = self.vetting_create_date

        vetting_created_date: None | str | Unset
        if isinstance(self.vetting_created_date, Unset):
            vetting_created_date = UNSET
        else:
            vetting_created_date = self.vetting_created_date

        vetting_reason: None | str | Unset
        if isinstance(self.vetting_reason, Unset):
            vetting_reason = UNSET
        else:
            vetting_reason = self.vetting_reason

        vetting_status: None | str | Unset
        if isinstance(self.vetting_status, Unset):
            vetting_status = UNSET
        elif isinstance(self.vetting_status, VettingStatusType0):
            vetting_status = self.vetting_status.value
        else:
            vetting_status = self.vetting_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if qualification is not UNSET:
            field_dict["qualification"] = qualification
        if vetting_create_date is not UNSET:
            field_dict["vettingCreateDate"] = vetting_create_date
        if vetting_created_date is not UNSET:
            field_dict["vettingCreatedDate"] = vetting_created_date
        if vetting_reason is not UNSET:
            field_dict["vettingReason"] = vetting_reason
        if vetting_status is not UNSET:
            field_dict["vettingStatus"] = vetting_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_qualification(data: object) -> None | QualificationKindType0 | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_qualification_kind_type_0 = QualificationKindType0(data)

                return componentsschemas_qualification_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QualificationKindType0 | str | Unset, data)

        qualification = _parse_qualification(d.pop("qualification", UNSET))

        def _parse_vetting_create_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        vetting_create_date = _parse_vetting_create_date(d.pop("vettingCreateDate", UNSET))

        def _parse_vetting_created_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        vetting_created_date = _parse_vetting_created_date(d.pop("vettingCreatedDate", UNSET))

        def _parse_vetting_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        vetting_reason = _parse_vetting_reason(d.pop("vettingReason", UNSET))

        def _parse_vetting_status(data: object) -> None | str | Unset | VettingStatusType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_vetting_status_type_0 = VettingStatusType0(data)

                return componentsschemas_vetting_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | str | Unset | VettingStatusType0, data)

        vetting_status = _parse_vetting_status(d.pop("vettingStatus", UNSET))

        qualification = cls(
            qualification=qualification,
            vetting_create_date=vetting_create_date,
            vetting_created_date=vetting_created_date,
            vetting_reason=vetting_reason,
            vetting_status=vetting_status,
        )

        qualification.additional_properties = d
        return qualification

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
