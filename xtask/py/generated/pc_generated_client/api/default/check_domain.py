from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    domain: str,
    *,
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
        "method": "head",
        "url": "/v1/domains/{domain}".format(
            domain=quote(str(domain), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | None:
    if response.status_code == 200:
        return None

    if response.status_code == 400:
        return None

    if response.status_code == 401:
        return None

    if response.status_code == 403:
        return None

    if response.status_code == 404:
        return None

    if response.status_code == 429:
        return None

    if response.status_code == 500:
        return None

    if response.status_code == 503:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    domain: str,
    *,
    client: AuthenticatedClient,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Any]:
    """Check whether a domain is taken before creating a customer.

     200 means the domain is taken, 404 that it is free; both have an empty body.

    Args:
        domain (str):
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
        Response[Any]
    """

    kwargs = _get_kwargs(
        domain=domain,
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


async def asyncio_detailed(
    domain: str,
    *,
    client: AuthenticatedClient,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Any]:
    """Check whether a domain is taken before creating a customer.

     200 means the domain is taken, 404 that it is free; both have an empty body.

    Args:
        domain (str):
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
        Response[Any]
    """

    kwargs = _get_kwargs(
        domain=domain,
        ms_request_id=ms_request_id,
        ms_correlation_id=ms_correlation_id,
        ms_contract_version=ms_contract_version,
        x_locale=x_locale,
        ms_partner_center_client=ms_partner_center_client,
        ms_partner_center_application=ms_partner_center_application,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
