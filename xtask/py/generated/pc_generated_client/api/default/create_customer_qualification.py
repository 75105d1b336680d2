from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.qualification import Qualification
from ...models.qualification_create_request_type_0 import QualificationCreateRequestType0
from ...models.qualification_create_request_type_1 import QualificationCreateRequestType1
from ...models.qualification_create_request_type_2 import QualificationCreateRequestType2
from ...models.qualifications_envelope import QualificationsEnvelope
from ...models.service_error import ServiceError
from ...models.throttling_error import ThrottlingError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    customer_tenant_id: UUID,
    *,
    body: QualificationCreateRequestType0 | QualificationCreateRequestType1 | QualificationCreateRequestType2,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(ms_request_id, Unset):
        headers["MS-RequestId"] = ms_request_id

    if not isinstance(ms_correlation_id, Unset):
        headers["MS-CorrelationId"] = ms_correlation_id

    if not isinstance(ms_contract_version, Unset):
        headers["MS-Contract-Version"] = ms_contract_version

    if not isinstance(x_locale, Unset):
        headers["X-Locale"] = x_locale

    if not isinstance(ms_partner_center_client, Unset):
        headers["MS-PartnerCenter-Client"] = ms_partner_center_client

    if not isinstance(ms_partner_center_application, Unset):
        headers["MS-PartnerCenter-Application"] = ms_partner_center_application

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/customers/{customer_tenant_id}/qualifications".format(
            customer_tenant_id=quote(str(customer_tenant_id), safe=""),
        ),
    }

    if isinstance(body, QualificationCreateRequestType0):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, QualificationCreateRequestType1):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Qualification | QualificationsEnvelope | ServiceError | ThrottlingError | None:
    if response.status_code == 200:
        response_200 = QualificationsEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Qualification.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ServiceError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ServiceError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ServiceError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ServiceError.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ServiceError.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ServiceError.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ServiceError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ThrottlingError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ServiceError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ServiceError.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Qualification | QualificationsEnvelope | ServiceError | ThrottlingError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_tenant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QualificationCreateRequestType0 | QualificationCreateRequestType1 | QualificationCreateRequestType2,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Qualification | QualificationsEnvelope | ServiceError | ThrottlingError]:
    """Create a qualification (Education, GovernmentCommunityCloud, StateOwnedEntity).

     Vetting runs asynchronously: the answer says InReview, and the list tells when it is Approved or
    Denied. Documented as 201 with the qualification; a reference page says 200 with {qualifications:
    [...]}: any 2xx and both shapes are accepted.

    Args:
        customer_tenant_id (UUID):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (QualificationCreateRequestType0 | QualificationCreateRequestType1 |
            QualificationCreateRequestType2): The body of `POST /v1/customers/{customer-tenant-
            id}/qualifications`: one of three shapes, chosen by `qualification`. `Education` needs
            `educationSegment` (`K12` or `HigherEducation`) and may have `website`;
            `GovernmentCommunityCloud` needs the partner's `validationCode` (non-empty, no
            whitespace); `StateOwnedEntity` has no other fields. `None` and `Nonprofit` cannot be
            requested.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Qualification | QualificationsEnvelope | ServiceError | ThrottlingError]
    """

    kwargs = _get_kwargs(
        customer_tenant_id=customer_tenant_id,
        body=body,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_contract_version=ms_contract_version,
        x_locale=x_locale,
        ms_partner_center_client=ms_partner_center_client,
        ms_partner_center_application=ms_partner_center_application,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    customer_tenant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QualificationCreateRequestType0 | QualificationCreateRequestType1 | QualificationCreateRequestType2,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Qualification | QualificationsEnvelope | ServiceError | ThrottlingError | None:
    """Create a qualification (Education, GovernmentCommunityCloud, StateOwnedEntity).

     Vetting runs asynchronously: the answer says InReview, and the list tells when it is Approved or
    Denied. Documented as 201 with the qualification; a reference page says 200 with {qualifications:
    [...]}: any 2xx and both shapes are accepted.

    Args:
        customer_tenant_id (UUID):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (QualificationCreateRequestType0 | QualificationCreateRequestType1 |
            QualificationCreateRequestType2): The body of `POST /v1/customers/{customer-tenant-
            id}/qualifications`: one of three shapes, chosen by `qualification`. `Education` needs
            `educationSegment` (`K12` or `HigherEducation`) and may have `website`;
            `GovernmentCommunityCloud` needs the partner's `validationCode` (non-empty, no
            whitespace); `StateOwnedEntity` has no other fields. `None` and `Nonprofit` cannot be
            requested.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Qualification | QualificationsEnvelope | ServiceError | ThrottlingError
    """

    return sync_detailed(
        customer_tenant_id=customer_tenant_id,
        client=client,
        body=body,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_contract_version=ms_contract_version,
        x_locale=x_locale,
        ms_partner_center_client=ms_partner_center_client,
        ms_partner_center_application=ms_partner_center_application,
    ).parsed


async def asyncio_detailed(
    customer_tenant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QualificationCreateRequestType0 | QualificationCreateRequestType1 | QualificationCreateRequestType2,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Qualification | QualificationsEnvelope | ServiceError | ThrottlingError]:
    """Create a qualification (Education, GovernmentCommunityCloud, StateOwnedEntity).

     Vetting runs asynchronously: the answer says InReview, and the list tells when it is Approved or
    Denied. Documented as 201 with the qualification; a reference page says 200 with {qualifications:
    [...]}: any 2xx and both shapes are accepted.

    Args:
        customer_tenant_id (UUID):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (QualificationCreateRequestType0 | QualificationCreateRequestType1 |
            QualificationCreateRequestType2): The body of `POST /v1/customers/{customer-tenant-
            id}/qualifications`: one of three shapes, chosen by `qualification`. `Education` needs
            `educationSegment` (`K12` or `HigherEducation`) and may have `website`;
            `GovernmentCommunityCloud` needs the partner's `validationCode` (non-empty, no
            whitespace); `StateOwnedEntity` has no other fields. `None` and `Nonprofit` cannot be
            requested.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Qualification | QualificationsEnvelope | ServiceError | ThrottlingError]
    """

    kwargs = _get_kwargs(
        customer_tenant_id=customer_tenant_id,
        body=body,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_contract_version=ms_contract_version,
        x_locale=x_locale,
        ms_partner_center_client=ms_partner_center_client,
        ms_partner_center_application=ms_partner_center_application,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    customer_tenant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QualificationCreateRequestType0 | QualificationCreateRequestType1 | QualificationCreateRequestType2,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Qualification | QualificationsEnvelope | ServiceError | ThrottlingError | None:
    """Create a qualification (Education, GovernmentCommunityCloud, StateOwnedEntity).

     Vetting runs asynchronously: the answer says InReview, and the list tells when it is Approved or
    Denied. Documented as 201 with the qualification; a reference page says 200 with {qualifications:
    [...]}: any 2xx and both shapes are accepted.

    Args:
        customer_tenant_id (UUID):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (QualificationCreateRequestType0 | QualificationCreateRequestType1 |
            QualificationCreateRequestType2): The body of `POST /v1/customers/{customer-tenant-
            id}/qualifications`: one of three shapes, chosen by `qualification`. `Education` needs
            `educationSegment` (`K12` or `HigherEducation`) and may have `website`;
            `GovernmentCommunityCloud` needs the partner's `validationCode` (non-empty, no
            whitespace); `StateOwnedEntity` has no other fields. `None` and `Nonprofit` cannot be
            requested.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Qualification | QualificationsEnvelope | ServiceError | ThrottlingError
    """

    return (
        await asyncio_detailed(
            customer_tenant_id=customer_tenant_id,
            client=client,
            body=body,
            ms_request_id=ms_request_id,
            ms_correlation_id=ms_correlation_id,
            ms_contract_version=ms_contract_version,
            x_locale=x_locale,
            ms_partner_center_client=ms_partner_center_client,
            ms_partner_center_application=ms_partner_center_application,
        )
    ).parsed
