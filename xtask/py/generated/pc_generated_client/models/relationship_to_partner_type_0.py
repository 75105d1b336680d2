from enum import StrEnum


class RelationshipToPartnerType0(StrEnum):
    ADVISOR = "advisor"
    MICROSOFT_SUPPORT = "microsoft_support"
    NONE = "none"
    RESELLER = "reseller"
    SYNDICATION = "syndication"

    def __str__(self) -> str:
        return str(self.value)
