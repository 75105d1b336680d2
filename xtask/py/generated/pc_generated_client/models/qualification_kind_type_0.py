from enum import StrEnum


class QualificationKindType0(StrEnum):
    EDUCATION = "Education"
    GOVERNMENTCOMMUNITYCLOUD = "GovernmentCommunityCloud"
    NONE = "None"
    NONPROFIT = "Nonprofit"
    STATEOWNEDENTITY = "StateOwnedEntity"

    def __str__(self) -> str:
        return str(self.value)
