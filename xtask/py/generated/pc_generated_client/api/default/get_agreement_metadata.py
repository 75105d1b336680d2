from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_metadata_collection import AgreementMetadataCollection
from ...models.service_error import ServiceError
from ...models.throttling_error import ThrottlingError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    agreement_type: str | Unset = UNSET,
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

    params: dict[str, Any] = {}

    params["agreementType"] = agreement_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementMetadataCollection | ServiceError | ThrottlingError | None:
    if response.status_code == 200:
        response_200 = AgreementMetadataCollection.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ServiceError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ServiceError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ServiceError.from_dict(response.json())

        return response_403

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
) -> Response[AgreementMetadataCollection | ServiceError | ThrottlingError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    agreement_type: str | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[AgreementMetadataCollection | ServiceError | ThrottlingError]:
    """Get agreement metadata, to learn the template id of an agreement type.

     Without agreementType the service answers MicrosoftCloudAgreement: always send it. Pick the item
    with the highest versionRank.

    Args:
        agreement_type (str | Unset):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementMetadataCollection | ServiceError | ThrottlingError]
    """

    kwargs = _get_kwargs(
        agreement_type=agreement_type,
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
    *,
    client: AuthenticatedClient,
    agreement_type: str | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> AgreementMetadataCollection | ServiceError | ThrottlingError | None:
    """Get agreement metadata, to learn the template id of an agreement type.

     Without agreementType the service answers MicrosoftCloudAgreement: always send it. Pick the item
    with the highest versionRank.

    Args:
        agreement_type (str | Unset):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementMetadataCollection | ServiceError | ThrottlingError
    """

    return sync_detailed(
        client=client,
        agreement_type=agreement_type,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_contract_version=ms_contract_version,
        x_locale=x_locale,
        ms_partner_center_client=ms_partner_center_client,
        ms_partner_center_application=ms_partner_center_application,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    agreement_type: str | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[AgreementMetadataCollection | ServiceError | ThrottlingError]:
    """Get agreement metadata, to learn the template id of an agreement type.

     Without agreementType the service answers MicrosoftCloudAgreement: always send it. Pick the item
    with the highest versionRank.

    Args:
        agreement_type (str | Unset):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementMetadataCollection | ServiceError | ThrottlingError]
    """

    kwargs = _get_kwargs(
        agreement_type=agreement_type,
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
    *,
    client: AuthenticatedClient,
    agreement_type: str | Unset = UNSET,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> AgreementMetadataCollection | ServiceError | ThrottlingError | None:
    """Get agreement metadata, to learn the template id of an agreement type.

     Without agreementType the service answers MicrosoftCloudAgreement: always send it. Pick the item
    with the highest versionRank.

    Args:
        agreement_type (str | Unset):
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementMetadataCollection | ServiceError | ThrottlingError
    """

    return (
        await asyncio_detailed(
            client=client,
            agreement_type=agreement_type,
            ms_request_id=ms_request_id,
            ms_correlation_id=ms_correlation_id,
            ms_contract_version=ms_contract_version,
            x_locale=x_locale,
            ms_partner_center_client=ms_partner_center_client,
            ms_partner_center_application=ms_partner_center_application,
        )
    ).parsed
