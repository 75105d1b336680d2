from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="QualificationCreateRequestType0")


@_attrs_define
class QualificationCreateRequestType0:
    """An education institution: `educationSegment` is required, `website` recommended.

    Attributes:
        education_segment (Literal['HigherEducation'] | Literal['K12']): The education segment of an Education
            qualification.
        qualification (Literal['Education']):
        validation_code (None | Unset): Belongs to another kind of qualification: only `null`, which means absent.
        website (None | str | Unset): The institution's website; optional but recommended.
    """

    education_segment: Literal["HigherEducation"] | Literal["K12"]
    qualification: Literal["Education"]
    validation_code: None | Unset = UNSET
    website: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        education_segment: Literal["HigherEducation"] | Literal["K12"]
        education_segment = self.education_segment

        qualification = self.qualification

        validation_code = self.validation_code

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "educationSegment": education_segment,
                "qualification": qualification,
            }
        )
        if validation_code is not UNSET:
            field_dict["validationCode"] = validation_code
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_education_segment(data: object) -> Literal["HigherEducation"] | Literal["K12"]:
            componentsschemas_education_segment_type_0 = cast(Literal["K12"], data)
            if componentsschemas_education_segment_type_0 != "K12":
                raise ValueError(
                    f"/components/schemas/EducationSegment_type_0 must match const 'K12', got '{componentsschemas_education_segment_type_0}'"
                )
            return componentsschemas_education_segment_type_0
            componentsschemas_education_segment_type_1 = cast(Literal["HigherEducation"], data)
            if componentsschemas_education_segment_type_1 != "HigherEducation":
                raise ValueError(
                    f"/components/schemas/EducationSegment_type_1 must match const 'HigherEducation', got '{componentsschemas_education_segment_type_1}'"
                )
            return componentsschemas_education_segment_type_1

        education_segment = _parse_education_segment(d.pop("educationSegment"))

        qualification = cast(Literal["Education"], d.pop("qualification"))
        if qualification != "Education":
            raise ValueError(f"qualification must match const 'Education', got '{qualification}'")

        validation_code = d.pop("validationCode", UNSET)

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        qualification_create_request_type_0 = cls(
            education_segment=education_segment,
            qualification=qualification,
            validation_code=validation_code,
            website=website,
        )

        return qualification_create_request_type_0
