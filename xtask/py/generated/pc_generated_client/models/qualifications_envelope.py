from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.qualification import Qualification


T = TypeVar("T", bound="QualificationsEnvelope")


@_attrs_define
class QualificationsEnvelope:
    """The other answer a qualification create is documented with: `200` and `{"qualifications": [...]}` (one reference
    page), instead of `201` with one `Qualification` (`qualifications-envelope.schema.json`; the client reads either).

    Every field may be absent or `null` (then no qualifications); unknown fields are ignored.

        Attributes:
            qualifications (list[Qualification] | None | Unset): The customer's qualifications, the new one among them.
    """

    qualifications: list[Qualification] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        qualifications: list[dict[str, Any]] | None | Unset
        if isinstance(self.qualifications, Unset):
            qualifications = UNSET
        elif isinstance(self.qualifications, list):
            qualifications = []
            for qualifications_type_0_item_data in self.qualifications:
                qualifications_type_0_item = qualifications_type_0_item_data.to_dict()
                qualifications.append(qualifications_type_0_item)

        else:
            qualifications = self.qualifications

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if qualifications is not UNSET:
            field_dict["qualifications"] = qualifications

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.qualification import Qualification  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_qualifications(data: object) -> list[Qualification] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                qualifications_type_0 = []
                _qualifications_type_0 = data
                for qualifications_type_0_item_data in _qualifications_type_0:
                    qualifications_type_0_item = Qualification.from_dict(qualifications_type_0_item_data)

                    qualifications_type_0.append(qualifications_type_0_item)

                return qualifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Qualification] | None | Unset, data)

        qualifications = _parse_qualifications(d.pop("qualifications", UNSET))

        qualifications_envelope = cls(
            qualifications=qualifications,
        )

        qualifications_envelope.additional_properties = d
        return qualifications_envelope

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
