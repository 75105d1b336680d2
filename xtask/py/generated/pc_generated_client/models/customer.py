from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.relationship_to_partner_type_0 import RelationshipToPartnerType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.billing_profile import BillingProfile
    from ..models.company_profile import CompanyProfile
    from ..models.links import Links
    from ..models.resource_attributes import ResourceAttributes
    from ..models.user_credentials import UserCredentials


T = TypeVar("T", bound="Customer")


@_attrs_define
class Customer:
    """A customer as the service returns it (the `201` of create, `GET /v1/customers/{id}`).

    Every field may be absent; unknown fields are ignored. `userCredentials.password` holds the new tenant's admin
    password: a secret that must never be logged (in Rust a `Secret`, which never shows in `Debug` output).

        Attributes:
            allow_delegated_access (bool | None | Unset): Whether delegated administration is allowed.
            associated_partner_id (None | Unset | UUID): The indirect reseller, when there is one.
            attributes (None | ResourceAttributes | Unset): Resource attributes.
            billing_profile (BillingProfile | None | Unset): Billing profile.
            commerce_id (None | str | Unset): The commerce id.
            company_profile (CompanyProfile | None | Unset): Company profile.
            custom_domains (list[str] | None | Unset): Custom domains of the tenant.
            enable_gdap_by_default (bool | None | Unset): Whether a default GDAP relationship was requested.
            id (None | Unset | UUID): The customer's tenant id.
            links (Links | None | Unset): Links.
            relationship_to_partner (None | RelationshipToPartnerType0 | str | Unset): Relationship to the partner, e.g.
                `reseller`.
            user_credentials (None | Unset | UserCredentials): The admin credentials of a newly created tenant.
    """

    allow_delegated_access: bool | None | Unset = UNSET
    associated_partner_id: None | Unset | UUID = UNSET
    attributes: None | ResourceAttributes | Unset = UNSET
    billing_profile: BillingProfile | None | Unset = UNSET
    commerce_id: None | str | Unset = UNSET
    company_profile: CompanyProfile | None | Unset = UNSET
    custom_domains: list[str] | None | Unset = UNSET
    enable_gdap_by_default: bool | None | Unset = UNSET
    id: None | Unset | UUID = UNSET
    links: Links | None | Unset = UNSET
    relationship_to_partner: None | RelationshipToPartnerType0 | str | Unset = UNSET
    user_credentials: None | Unset | UserCredentials = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.billing_profile import BillingProfile  # noqa: PLC0415
        from ..models.company_profile import CompanyProfile  # noqa: PLC0415
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415
        from ..models.user_credentials import UserCredentials  # noqa: PLC0415

        allow_delegated_access: bool | None | Unset
        if isinstance(self.allow_delegated_access, Unset):
            allow_delegated_access = UNSET
        else:
            allow_delegated_access = self.allow_delegated_access

        associated_partner_id: None | str | Unset
        if isinstance(self.associated_partner_id, Unset):
            associated_partner_id = UNSET
        elif isinstance(self.associated_partner_id, UUID):
            associated_partner_id = str(self.associated_partner_id)
        else:
            associated_partner_id = self.associated_partner_id

        attributes: dict[str, Any] | None | Unset
        if isinstance(self.attributes, Unset):
            attributes = UNSET
        elif isinstance(self.attributes, ResourceAttributes):
            attributes = self.attributes.to_dict()
        else:
            attributes = self.attributes

        billing_profile: dict[str, Any] | None | Unset
        if isinstance(self.billing_profile, Unset):
            billing_profile = UNSET
        elif isinstance(self.billing_profile, BillingProfile):
            billing_profile = self.billing_profile.to_dict()
        else:
            billing_profile = self.billing_profile

        commerce_id: None | str | Unset
        if isinstance(self.commerce_id, Unset):
            commerce_id = UNSET
        else:
            commerce_id = self.commerce_id

        company_profile: dict[str, Any] | None | Unset
        if isinstance(self.company_profile, Unset):
            company_profile = UNSET
        elif isinstance(self.company_profile, CompanyProfile):
            company_profile = self.company_profile.to_dict()
        else:
            company_profile = self.company_profile

        custom_domains: list[str] | None | Unset
        if isinstance(self.custom_domains, Unset):
            custom_domains = UNSET
        elif isinstance(self.custom_domains, list):
            custom_domains = self.custom_domains

        else:
            custom_domains = self.custom_domains

        enable_gdap_by_default: bool | None | Unset
        if isinstance(self.enable_gdap_by_default, Unset):
            enable_gdap_by_default = UNSET
        else:
            enable_gdap_by_default = self.enable_gdap_by_default

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        links: dict[str, Any] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, Links):
            links = self.links.to_dict()
        else:
            links = self.links

        relationship_to_partner: None | str | Unset
        if isinstance(self.relationship_to_partner, Unset):
            relationship_to_partner = UNSET
        elif isinstance(self.relationship_to_partner, RelationshipToPartnerType0):
            relationship_to_partner = self.relationship_to_partner.value
        else:
            relationship_to_partner = self.relationship_to_partner

        user_credentials: dict[str, Any] | None | Unset
        if isinstance(self.user_credentials, Unset):
            user_credentials = UNSET
        elif isinstance(self.user_credentials, UserCredentials):
            user_credentials = self.user_credentials.to_dict()
        else:
            user_credentials = self.user_credentials

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allow_delegated_access is not UNSET:
            field_dict["allowDelegatedAccess"] = allow_delegated_access
        if associated_partner_id is not UNSET:
            field_dict["associatedPartnerId"] = associated_partner_id
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if billing_profile is not UNSET:
            field_dict["billingProfile"] = billing_profile
        if commerce_id is not UNSET:
            field_dict["commerceId"] = commerce_id
        if company_profile is not UNSET:
            field_dict["companyProfile"] = company_profile
        if custom_domains is not UNSET:
            field_dict["customDomains"] = custom_domains
        if enable_gdap_by_default is not UNSET:
            field_dict["enableGDAPByDefault"] = enable_gdap_by_default
        if id is not UNSET:
            field_dict["id"] = id
        if links is not UNSET:
            field_dict["links"] = links
        if relationship_to_partner is not UNSET:
            field_dict["relationshipToPartner"] = relationship_to_partner
        if user_credentials is not UNSET:
            field_dict["userCredentials"] = user_credentials

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.billing_profile import BillingProfile  # noqa: PLC0415
        from ..models.company_profile import CompanyProfile  # noqa: PLC0415
        from ..models.links import Links  # noqa: PLC0415
        from ..models.resource_attributes import ResourceAttributes  # noqa: PLC0415
        from ..models.user_credentials import UserCredentials  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_allow_delegated_access(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_delegated_access = _parse_allow_delegated_access(d.pop("allowDelegatedAccess", UNSET))

        def _parse_associated_partner_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                associated_partner_id_type_0 = UUID(data)

                return associated_partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        associated_partner_id = _parse_associated_partner_id(d.pop("associatedPartnerId", UNSET))

        def _parse_attributes(data: object) -> None | ResourceAttributes | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attributes_type_0 = ResourceAttributes.from_dict(data)

                return attributes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceAttributes | Unset, data)

        attributes = _parse_attributes(d.pop("attributes", UNSET))

        def _parse_billing_profile(data: object) -> BillingProfile | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                billing_profile_type_0 = BillingProfile.from_dict(data)

                return billing_profile_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BillingProfile | None | Unset, data)

        billing_profile = _parse_billing_profile(d.pop("billingProfile", UNSET))

        def _parse_commerce_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commerce_id = _parse_commerce_id(d.pop("commerceId", UNSET))

        def _parse_company_profile(data: object) -> CompanyProfile | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                company_profile_type_0 = CompanyProfile.from_dict(data)

                return company_profile_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompanyProfile | None | Unset, data)

        company_profile = _parse_company_profile(d.pop("companyProfile", UNSET))

        def _parse_custom_domains(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                custom_domains_type_0 = cast(list[str], data)

                return custom_domains_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        custom_domains = _parse_custom_domains(d.pop("customDomains", UNSET))

        def _parse_enable_gdap_by_default(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enable_gdap_by_default = _parse_enable_gdap_by_default(d.pop("enableGDAPByDefault", UNSET))

        def _parse_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                id_type_0 = UUID(data)

                return id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_links(data: object) -> Links | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                links_type_0 = Links.from_dict(data)

                return links_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Links | None | Unset, data)

        links = _parse_links(d.pop("links", UNSET))

        def _parse_relationship_to_partner(data: object) -> None | RelationshipToPartnerType0 | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_relationship_to_partner_type_0 = RelationshipToPartnerType0(data)

                return componentsschemas_relationship_to_partner_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RelationshipToPartnerType0 | str | Unset, data)

        relationship_to_partner = _parse_relationship_to_partner(d.pop("relationshipToPartner", UNSET))

        def _parse_user_credentials(data: object) -> None | Unset | UserCredentials:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_credentials_type_0 = UserCredentials.from_dict(data)

                return user_credentials_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserCredentials, data)

        user_credentials = _parse_user_credentials(d.pop("userCredentials", UNSET))

        customer = cls(
            allow_delegated_access=allow_delegated_access,
            associated_partner_id=associated_partner_id,
            attributes=attributes,
            billing_profile=billing_profile,
            commerce_id=commerce_id,
            company_profile=company_profile,
            custom_domains=custom_domains,
            enable_gdap_by_default=enable_gdap_by_default,
            id=id,
            links=links,
            relationship_to_partner=relationship_to_partner,
            user_credentials=user_credentials,
        )

        customer.additional_properties = d
        return customer

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
