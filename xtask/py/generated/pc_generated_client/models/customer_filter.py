from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CustomerFilter")


@_attrs_define
class CustomerFilter:
    """A customer search filter.

    Attributes:
        field (Literal['CompanyName'] | Literal['Domain']): The field compared.
        operator (Literal['starts_with']): The comparison.
        value (str): The prefix looked for: not empty, not only whitespace.
    """

    field: Literal["CompanyName"] | Literal["Domain"]
    operator: Literal["starts_with"]
    value: str

    def to_dict(self) -> dict[str, Any]:
        field: Literal["CompanyName"] | Literal["Domain"]
        field = self.field

        operator: Literal["starts_with"]
        operator = self.operator

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "Field": field,
                "Operator": operator,
                "Value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_field(data: object) -> Literal["CompanyName"] | Literal["Domain"]:
            field_type_0 = cast(Literal["Domain"], data)
            if field_type_0 != "Domain":
                raise ValueError(f"Field_type_0 must match const 'Domain', got '{field_type_0}'")
            return field_type_0
            field_type_1 = cast(Literal["CompanyName"], data)
            if field_type_1 != "CompanyName":
                raise ValueError(f"Field_type_1 must match const 'CompanyName', got '{field_type_1}'")
            return field_type_1

        field = _parse_field(d.pop("Field"))

        def _parse_operator(data: object) -> Literal["starts_with"]:
            operator_type_0 = cast(Literal["starts_with"], data)
            if operator_type_0 != "starts_with":
                raise ValueError(f"Operator_type_0 must match const 'starts_with', got '{operator_type_0}'")
            return operator_type_0

        operator = _parse_operator(d.pop("Operator"))

        value = d.pop("Value")

        customer_filter = cls(
            field=field,
            operator=operator,
            value=value,
        )

        return customer_filter
