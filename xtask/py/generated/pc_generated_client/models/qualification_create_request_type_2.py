from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="QualificationCreateRequestType2")


@_attrs_define
class QualificationCreateRequestType2:
    """A state-owned entity: no other fields.

    Attributes:
        qualification (Literal['StateOwnedEntity']):
        education_segment (None | Unset): Belongs to another kind of qualification: only `null`, which means absent.
        validation_code (None | Unset): Belongs to another kind of qualification: only `null`, which means absent.
        website (None | Unset): Belongs to another kind of qualification: only `null`, which means absent.
    """

    qualification: Literal["StateOwnedEntity"]
    education_segment: None | Unset = UNSET
    validation_code: None | Unset = UNSET
    website: None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        qualification = self.qualification

        education_segment = self.education_segment

        validation_code = self.validation_code

        website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "qualification": qualification,
            }
        )
        if education_segment is not UNSET:
            field_dict["educationSegment"] = education_segment
        if validation_code is not UNSET:
            field_dict["validationCode"] = validation_code
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        qualification = cast(Literal["StateOwnedEntity"], d.pop("qualification"))
        if qualification != "StateOwnedEntity":
            raise ValueError(f"qualification must match const 'StateOwnedEntity', got '{qualification}'")

        education_segment = d.pop("educationSegment", UNSET)

        validation_code = d.pop("validationCode", UNSET)

        website = d.pop("website", UNSET)

        qualification_create_request_type_2 = cls(
            qualification=qualification,
            education_segment=education_segment,
            validation_code=validation_code,
            website=website,
        )

        return qualification_create_request_type_2
