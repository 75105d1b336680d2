from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_customer_request import CreateCustomerRequest
from ...models.customer import Customer
from ...models.service_error import ServiceError
from ...models.throttling_error import ThrottlingError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateCustomerRequest,
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
        "url": "/v1/customers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Customer | ServiceError | ThrottlingError | None:
    if response.status_code == 201:
        response_201 = Customer.from_dict(response.json())

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
) -> Response[Customer | ServiceError | ThrottlingError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateCustomerRequest,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Customer | ServiceError | ThrottlingError]:
    """Create a customer, for an indirect reseller when associatedPartnerId is set.

     Creates the customer's tenant. The 201 carries the new admin password (a secret). For about 90
    seconds afterwards the service may answer 404 for the new customer. App-only tokens may create
    direct customers only.

    Args:
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (CreateCustomerRequest): The body of `POST /v1/customers`: a new customer, for an
            indirect reseller when `associatedPartnerId` is set.

            It never carries `userCredentials`: the service refuses a supplied password.

            Rules: domain `<prefix>.onmicrosoft.com` (prefix 1 to 27 letters or digits); billing
            email, culture (`en-US`, any case), two-letter language, company name; address line 1 (1
            to 200 characters), line 2 (at most 200), first and last name (1 to 50); and, when the
            billing address country is in the registration-number list, a non-blank
            `companyProfile.organizationRegistrationNumber` and
            `billingProfile.defaultAddress.phoneNumber`.

            Not expressed by this schema: the list of countries that require
            `organizationRegistrationNumber` and `phoneNumber` is data. The `allOf` rule holds the
            default list of the current Partner Center documentation (25 countries); the service's
            list has changed over the years, and the Rust validator lets a caller replace it at run
            time. A caller that uses another list must check that rule itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Customer | ServiceError | ThrottlingError]
    """

    kwargs = _get_kwargs(
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
    *,
    client: AuthenticatedClient,
    body: CreateCustomerRequest,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Customer | ServiceError | ThrottlingError | None:
    """Create a customer, for an indirect reseller when associatedPartnerId is set.

     Creates the customer's tenant. The 201 carries the new admin password (a secret). For about 90
    seconds afterwards the service may answer 404 for the new customer. App-only tokens may create
    direct customers only.

    Args:
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (CreateCustomerRequest): The body of `POST /v1/customers`: a new customer, for an
            indirect reseller when `associatedPartnerId` is set.

            It never carries `userCredentials`: the service refuses a supplied password.

            Rules: domain `<prefix>.onmicrosoft.com` (prefix 1 to 27 letters or digits); billing
            email, culture (`en-US`, any case), two-letter language, company name; address line 1 (1
            to 200 characters), line 2 (at most 200), first and last name (1 to 50); and, when the
            billing address country is in the registration-number list, a non-blank
            `companyProfile.organizationRegistrationNumber` and
            `billingProfile.defaultAddress.phoneNumber`.

            Not expressed by this schema: the list of countries that require
            `organizationRegistrationNumber` and `phoneNumber` is data. The `allOf` rule holds the
            default list of the current Partner Center documentation (25 countries); the service's
            list has changed over the years, and the Rust validator lets a caller replace it at run
            time. A caller that uses another list must check that rule itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Customer | ServiceError | ThrottlingError
    """

    return sync_detailed(
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
    *,
    client: AuthenticatedClient,
    body: CreateCustomerRequest,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Response[Customer | ServiceError | ThrottlingError]:
    """Create a customer, for an indirect reseller when associatedPartnerId is set.

     Creates the customer's tenant. The 201 carries the new admin password (a secret). For about 90
    seconds afterwards the service may answer 404 for the new customer. App-only tokens may create
    direct customers only.

    Args:
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (CreateCustomerRequest): The body of `POST /v1/customers`: a new customer, for an
            indirect reseller when `associatedPartnerId` is set.

            It never carries `userCredentials`: the service refuses a supplied password.

            Rules: domain `<prefix>.onmicrosoft.com` (prefix 1 to 27 letters or digits); billing
            email, culture (`en-US`, any case), two-letter language, company name; address line 1 (1
            to 200 characters), line 2 (at most 200), first and last name (1 to 50); and, when the
            billing address country is in the registration-number list, a non-blank
            `companyProfile.organizationRegistrationNumber` and
            `billingProfile.defaultAddress.phoneNumber`.

            Not expressed by this schema: the list of countries that require
            `organizationRegistrationNumber` and `phoneNumber` is data. The `allOf` rule holds the
            default list of the current Partner Center documentation (25 countries); the service's
            list has changed over the years, and the Rust validator lets a caller replace it at run
            time. A caller that uses another list must check that rule itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Customer | ServiceError | ThrottlingError]
    """

    kwargs = _get_kwargs(
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
    *,
    client: AuthenticatedClient,
    body: CreateCustomerRequest,
    ms_request_id: UUID | Unset = UNSET,
    ms_correlation_id: UUID | Unset = UNSET,
    ms_contract_version: str | Unset = UNSET,
    x_locale: str | Unset = "en-US",
    ms_partner_center_client: str | Unset = UNSET,
    ms_partner_center_application: str | Unset = UNSET,
) -> Customer | ServiceError | ThrottlingError | None:
    """Create a customer, for an indirect reseller when associatedPartnerId is set.

     Creates the customer's tenant. The 201 carries the new admin password (a secret). For about 90
    seconds afterwards the service may answer 404 for the new customer. App-only tokens may create
    direct customers only.

    Args:
        ms_request_id (UUID | Unset):
        ms_correlation_id (UUID | Unset):
        ms_contract_version (str | Unset):
        x_locale (str | Unset):  Default: 'en-US'.
        ms_partner_center_client (str | Unset):
        ms_partner_center_application (str | Unset):
        body (CreateCustomerRequest): The body of `POST /v1/customers`: a new customer, for an
            indirect reseller when `associatedPartnerId` is set.

            It never carries `userCredentials`: the service refuses a supplied password.

            Rules: domain `<prefix>.onmicrosoft.com` (prefix 1 to 27 letters or digits); billing
            email, culture (`en-US`, any case), two-letter language, company name; address line 1 (1
            to 200 characters), line 2 (at most 200), first and last name (1 to 50); and, when the
            billing address country is in the registration-number list, a non-blank
            `companyProfile.organizationRegistrationNumber` and
            `billingProfile.defaultAddress.phoneNumber`.

            Not expressed by this schema: the list of countries that require
            `organizationRegistrationNumber` and `phoneNumber` is data. The `allOf` rule holds the
            default list of the current Partner Center documentation (25 countries); the service's
            list has changed over the years, and the Rust validator lets a caller replace it at run
            time. A caller that uses another list must check that rule itself.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Customer | ServiceError | ThrottlingError
    """

    return (
        await asyncio_detailed(
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
