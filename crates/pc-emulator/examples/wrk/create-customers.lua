-- wrk script: POST /v1/customers with a new domain and MS-RequestId each time.
-- wrk -t2 -c32 -d10s -s crates/pc-emulator/examples/wrk/create-customers.lua http://127.0.0.1:8080
-- (start the emulator with --rate-limit 0 to measure the server rather than the 429 path)

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
local template = [[{"companyProfile":{"domain":"PREFIX.onmicrosoft.com"},
"billingProfile":{"email":"gena@example.com","culture":"en-US","language":"en",
"companyName":"Wingtip Toys","defaultAddress":{"country":"US","city":"Redmond","state":"WA",
"addressLine1":"One Microsoft Way","postalCode":"98052","firstName":"Gena","lastName":"Soto",
"phoneNumber":"4255550101"}},"associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"}]]

request = function()
  counter = counter + 1
  local body = string.gsub(template, "PREFIX", "w" .. tid .. "x" .. counter)
  local headers = {}
  headers["Authorization"] = "Bearer pc-emulator-app-user-token"
  headers["Content-Type"] = "application/json"
  headers["MS-RequestId"] = string.format("%08x-0000-4000-8000-%012x", tid, counter)
  return wrk.format("POST", "/v1/customers", headers, body)
end
