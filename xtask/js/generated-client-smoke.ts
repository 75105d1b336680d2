// Creates one customer with the types openapi-typescript generated from schemas/openapi.json.
//
// Run by .ci/run under xtask/py/with_emulator.py (which sets PC_BASE_URL and PC_TOKEN), after
//   openapi-typescript ../../schemas/openapi.json -o generated/openapi.d.ts && tsc -p tsconfig.json
//
// `tsc --strict` checks that the request needs no `MS-Contract-Version` (optional in the document)
// and that the documented body fits the generated request type; at run time the 201 must have the
// generated response type's fields, and the same MS-RequestId must replay the same customer.

import { randomUUID } from "node:crypto";
import type { paths } from "./generated/openapi.js";

type CreateCustomer = paths["/v1/customers"]["post"];
type RequestBody = CreateCustomer["requestBody"]["content"]["application/json"];
type RequestHeaders = NonNullable<CreateCustomer["parameters"]["header"]>;
type Created = CreateCustomer["responses"][201]["content"]["application/json"];
type Refused = CreateCustomer["responses"][400]["content"]["application/json"];

const DOMAIN = "generatedtypescript.onmicrosoft.com";

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this under xtask/py/with_emulator.py`);
  }
  return value;
}

const body: RequestBody = {
  companyProfile: { domain: DOMAIN },
  billingProfile: {
    email: "gena@wingtiptoys.com",
    culture: "en-US",
    language: "en",
    companyName: "Generated TypeScript types",
    defaultAddress: {
      country: "US",
      city: "Redmond",
      state: "WA",
      addressLine1: "One Microsoft Way",
      postalCode: "98052",
      firstName: "Gena",
      lastName: "Soto",
    },
  },
};

// Only the idempotency key: no MS-Contract-Version, which the document does not require.
const headers: RequestHeaders = { "MS-RequestId": randomUUID() };

async function create(): Promise<{ status: number; text: string }> {
  const response = await fetch(`${env("PC_BASE_URL")}/v1/customers`, {
    method: "POST",
    headers: {
      ...headers,
      Authorization: `Bearer ${env("PC_TOKEN")}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

const first = await create();
if (first.status !== 201) {
  const refused = JSON.parse(first.text) as Refused;
  throw new Error(`create customer: ${first.status} ${refused.code ?? ""} ${refused.description ?? ""}`);
}
const created = JSON.parse(first.text) as Created;
if (created.companyProfile?.domain !== DOMAIN || typeof created.id !== "string") {
  throw new Error(`create customer: unexpected answer ${first.text.slice(0, 500)}`);
}
const again = await create();
const replayed = JSON.parse(again.text) as Created;
if (again.status !== 201 || replayed.id !== created.id) {
  throw new Error(`the same MS-RequestId did not replay: ${again.status} ${again.text.slice(0, 500)}`);
}
console.log(`generated TypeScript types: created customer ${created.id} (${DOMAIN}), replayed`);
