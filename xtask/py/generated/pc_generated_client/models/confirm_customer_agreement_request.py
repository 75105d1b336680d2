from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_request import ContactRequest


T = TypeVar("T", bound="ConfirmCustomerAgreementRequest")


@_attrs_define
class ConfirmCustomerAgreementRequest:
    """The body of `POST /v1/customers/{customer-tenant-id}/agreements`: the partner confirms that the customer accepted
    the Microsoft Customer Agreement.

    Rules: contact first and last name non-blank, email valid, `templateId` a GUID, and `dateAgreed` not in the future
    and, in UTC, in the years 1 to 9999 (what RFC 3339 can write and the service accepts).

    Not expressed by this schema: `dateAgreed` must not be in the future (the service answers 600002); check it against
    the current time just before sending. Converted to UTC, `dateAgreed` must fall in the years 1 to 9999
    (`0000-01-01T00:00:00+23:59` is a valid RFC 3339 date-time, but the year -1 in UTC, which the service refuses).

        Attributes:
            date_agreed (datetime.datetime): When the customer accepted, in UTC. Must not be in the future (the service
                answers 600002).
            primary_contact (ContactRequest): The contact in a confirmation request.
            template_id (UUID): The agreement template id, from the agreement metadata (`templateId` of `GET
                /v1/agreements?agreementType=MicrosoftCustomerAgreement`).
            type_ (Literal['MicrosoftCustomerAgreement'] | Unset): The type written in a confirmation request. Only the
                Microsoft Customer Agreement is confirmed through this API (the service decides the type from the template id
                anyway).
    """

    date_agreed: datetime.datetime
    primary_contact: ContactRequest
    template_id: UUID
    type_: Literal["MicrosoftCustomerAgreement"] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date_agreed = self.date_agreed.isoformat()

        primary_contact = self.primary_contact.to_dict()

        template_id = str(self.template_id)

        type_: Literal["MicrosoftCustomerAgreement"] | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dateAgreed": date_agreed,
                "primaryContact": primary_contact,
                "templateId": template_id,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_request import ContactRequest  # noqa: PLC0415

        d = dict(src_dict)
        date_agreed = datetime.datetime.fromisoformat(d.pop("dateAgreed"))

        primary_contact = ContactRequest.from_dict(d.pop("primaryContact"))

        template_id = UUID(d.pop("templateId"))

        def _parse_type_(data: object) -> Literal["MicrosoftCustomerAgreement"] | Unset:
            if isinstance(data, Unset):
                return data
            componentsschemas_confirmed_agreement_type_type_0 = cast(Literal["MicrosoftCustomerAgreement"], data)
            if componentsschemas_confirmed_agreement_type_type_0 != "MicrosoftCustomerAgreement":
                raise ValueError(
                    f"/components/schemas/ConfirmedAgreementType_type_0 must match const 'MicrosoftCustomerAgreement', got '{componentsschemas_confirmed_agreement_type_type_0}'"
                )
            return componentsschemas_confirmed_agreement_type_type_0

        type_ = _parse_type_(d.pop("type", UNSET))

        confirm_customer_agreement_request = cls(
            date_agreed=date_agreed,
            primary_contact=primary_contact,
            template_id=template_id,
            type_=type_,
        )

        return confirm_customer_agreement_request
