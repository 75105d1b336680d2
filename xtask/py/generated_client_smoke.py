"""Creates one customer through the client openapi-python-client generated from openapi.json.

Run by .ci/run under with_emulator.py (which sets PC_BASE_URL and PC_TOKEN), after

    openapi-python-client generate --path schemas/openapi.json \
        --config xtask/py/openapi-python-client.yaml --output-path xtask/py/generated --overwrite

It checks that code nobody here wrote can call the emulator from the document alone: the request
body model takes the documented payload, the call sends no `MS-Contract-Version` (optional), the
201 is parsed into the `Customer` model, and the same `MS-RequestId` replays the same customer.
"""

import json
import os
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "generated"))

from pc_generated_client import AuthenticatedClient  # noqa: E402
from pc_generated_client.api.default import create_customer, get_customer  # noqa: E402
from pc_generated_client.models import CreateCustomerRequest, Customer  # noqa: E402

FIXTURE = HERE.parents[1] / "crates/pc-model/fixtures/customer-create-indirect.request.docs.json"
DOMAIN = "generatedpython.onmicrosoft.com"


def main():
    document = json.loads(FIXTURE.read_text())
    # The documented request is PascalCase (as the .NET SDK sent it); the model is camelCase.
    body = CreateCustomerRequest.from_dict(
        {
            "companyProfile": {"domain": DOMAIN},
            "billingProfile": {
                "email": document["BillingProfile"]["Email"],
                "culture": "en-US",
                "language": "en",
                "companyName": "Generated Python client",
                "defaultAddress": {
                    "country": "US",
                    "city": "Redmond",
                    "state": "WA",
                    "addressLine1": "One Microsoft Way",
                    "postalCode": "98052",
                    "firstName": "Gena",
                    "lastName": "Soto",
                },
            },
        }
    )
    client = AuthenticatedClient(base_url=os.environ["PC_BASE_URL"], token=os.environ["PC_TOKEN"])
    request_id = str(uuid.uuid4())
    with client:
        first = create_customer.sync_detailed(client=client, body=body, ms_request_id=request_id)
        again = create_customer.sync_detailed(client=client, body=body, ms_request_id=request_id)
        if first.status_code != 201 or not isinstance(first.parsed, Customer):
            sys.exit(f"create customer: {first.status_code} {first.content[:500]!r}")
        customer = first.parsed
        if customer.company_profile.domain != DOMAIN or not customer.id:
            sys.exit(f"create customer: unexpected answer {first.content[:500]!r}")
        if again.status_code != 201 or again.parsed.id != customer.id:
            sys.exit(f"the same MS-RequestId did not replay: {again.status_code} {again.content[:500]!r}")
        read = get_customer.sync_detailed(client=client, customer_tenant_id=customer.id)
        if read.status_code != 200 or read.parsed.id != customer.id:
            sys.exit(f"get customer: {read.status_code} {read.content[:500]!r}")
    print(f"generated Python client: created customer {customer.id} ({DOMAIN}), replayed, read back")


if __name__ == "__main__":
    main()
