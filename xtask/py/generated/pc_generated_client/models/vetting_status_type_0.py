from enum import StrEnum


class VettingStatusType0(StrEnum):
    APPROVED = "Approved"
    DENIED = "Denied"
    INREVIEW = "InReview"

    def __str__(self) -> str:
        return str(self.value)
