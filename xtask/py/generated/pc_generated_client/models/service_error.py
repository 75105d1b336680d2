from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceError")


@_attrs_define
class ServiceError:
    """The usual error body. Every field may be absent; unknown fields are accepted (in Rust, kept in `extra` and written
    back).

        Attributes:
            code (float | None | str | Unset): The error code, e.g. `600061`.
            data (Any | Unset): Extra data, usually a list of strings.
            description (None | str | Unset): What went wrong.
            error_message_extended (None | str | Unset): More detail, e.g. `InternalErrorCode=600061`.
            error_name (None | str | Unset): The error's name, e.g. `PartnerConfirmedAgreementAlreadyExists`.
            is_retryable (bool | None | Unset): Whether repeating the request may succeed. `false` forbids a retry.
            message (None | str | Unset): A message (newer bodies; often the same as the description).
            parameters (Any | Unset): Parameters of the error.
            source (None | str | Unset): Where the error came from.
    """

    code: float | None | str | Unset = UNSET
    data: Any | Unset = UNSET
    description: None | str | Unset = UNSET
    error_message_extended: None | str | Unset = UNSET
    error_name: None | str | Unset = UNSET
    is_retryable: bool | None | Unset = UNSET
    message: None | str | Unset = UNSET
    parameters: Any | Unset = UNSET
    source: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: float | None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        data = self.data

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        error_message_extended: None | str | Unset
        if isinstance(self.error_message_extended, Unset):
            error_message_extended = UNSET
        else:
            error_message_extended = self.error_message_extended

        error_name: None | str | Unset
        if isinstance(self.error_name, Unset):
            error_name = UNSET
        else:
            error_name = self.error_name

        is_retryable: bool | None | Unset
        if isinstance(self.is_retryable, Unset):
            is_retryable = UNSET
        else:
            is_retryable = self.is_retryable

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        parameters = self.parameters

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if data is not UNSET:
            field_dict["data"] = data
        if description is not UNSET:
            field_dict["description"] = description
        if error_message_extended is not UNSET:
            field_dict["errorMessageExtended"] = error_message_extended
        if error_name is not UNSET:
            field_dict["errorName"] = error_name
        if is_retryable is not UNSET:
            field_dict["isRetryable"] = is_retryable
        if message is not UNSET:
            field_dict["message"] = message
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_code(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        data = d.pop("data", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_error_message_extended(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message_extended = _parse_error_message_extended(d.pop("errorMessageExtended", UNSET))

        def _parse_error_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_name = _parse_error_name(d.pop("errorName", UNSET))

        def _parse_is_retryable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_retryable = _parse_is_retryable(d.pop("isRetryable", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        parameters = d.pop("parameters", UNSET)

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        service_error = cls(
            code=code,
            data=data,
            description=description,
            error_message_extended=error_message_extended,
            error_name=error_name,
            is_retryable=is_retryable,
            message=message,
            parameters=parameters,
            source=source,
        )

        service_error.additional_properties = d
        return service_error

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
