from enum import StrEnum


class AgreementTypeType0(StrEnum):
    MICROSOFTCLOUDAGREEMENT = "MicrosoftCloudAgreement"
    MICROSOFTCUSTOMERAGREEMENT = "MicrosoftCustomerAgreement"

    def __str__(self) -> str:
        return str(self.value)
