from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="QualificationCreateRequestType1")


@_attrs_define
class QualificationCreateRequestType1:
    """Government Community Cloud: the partner's validation code is required.

    Attributes:
        qualification (Literal['GovernmentCommunityCloud']):
        validation_code (str): The partner's GCC validation code, e.g. `123456`: non-empty, no whitespace.
        education_segment (None | Unset): Belongs to another kind of qualification: only `null`, which means absent.
        website (None | Unset): Belongs to another kind of qualification: only `null`, which means absent.
    """

    qualification: Literal["GovernmentCommunityCloud"]
    validation_code: str
    education_segment: None | Unset = UNSET
    website: None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        qualification = self.qualification

        validation_code = self.validation_code

        education_segment = self.education_segment

        website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "qualification": qualification,
                "validationCode": validation_code,
            }
        )
        if education_segment is not UNSET:
            field_dict["educationSegment"] = education_segment
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        qualification = cast(Literal["GovernmentCommunityCloud"], d.pop("qualification"))
        if qualification != "GovernmentCommunityCloud":
            raise ValueError(f"qualification must match const 'GovernmentCommunityCloud', got '{qualification}'")

        validation_code = d.pop("validationCode")

        education_segment = d.pop("educationSegment", UNSET)

        website = d.pop("website", UNSET)

        qualification_create_request_type_1 = cls(
            qualification=qualification,
            validation_code=validation_code,
            education_segment=education_segment,
            website=website,
        )

        return qualification_create_request_type_1
