"""Runs a command against a fresh pc-emulator, as a client of the service would meet it.

    python with_emulator.py <path to the pc-emulator binary> -- <command> [args...]

Starts the emulator binary on a free loopback port (rate limit off, so that a test tool is not
throttled), reads the credentials it prints, redeems its refresh token at its v1 token endpoint
(as a partner's code does with Microsoft Entra ID) for an App+User access token, creates one
customer from the documented request, then runs the command with these environment variables:

    PC_BASE_URL   the API base URL, e.g. http://127.0.0.1:41234
    PC_TOKEN      the App+User access token
    PC_CUSTOMER   the new customer's tenant id
    PC_RESELLER   the reseller id the emulator knows

The exit status is the command's. The emulator is stopped afterwards, whatever happens, and its
log is printed when the command fails.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CUSTOMER_REQUEST = ROOT / "crates/pc-model/fixtures/customer-create-indirect.request.docs.json"
STARTUP_SECONDS = 30


def banner_value(banner, label):
    """The value after `label` on its line of the emulator's start-up banner."""
    match = re.search(rf"^\s*{re.escape(label)}\s+(\S+)", banner, re.MULTILINE)
    if not match:
        sys.exit(f"with_emulator: the emulator did not print its {label}:\n{banner}")
    return match.group(1)


def start(binary, log):
    """Starts the emulator; returns the process and its banner once the banner is complete."""
    process = subprocess.Popen(
        [binary, "--port", "0", "--rate-limit", "0"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    lines = []
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.lstrip().startswith("control API"):
            return process, "".join(lines)
    process.kill()
    sys.exit("with_emulator: the emulator did not start:\n" + "".join(lines))


def post(url, data, headers):
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def prepare(banner):
    """Token and customer, through the emulator's public endpoints."""
    base_url = re.search(r"listening on (http://\S+)", banner).group(1)
    token_url = banner_value(banner, "token endpoints")
    form = urllib.parse.urlencode(
        {
            "grant_type": "refresh_token",
            "client_id": banner_value(banner, "client id"),
            "client_secret": banner_value(banner, "client secret"),
            "refresh_token": banner_value(banner, "refresh token"),
            "resource": "https://api.partnercenter.microsoft.com",
        }
    ).encode()
    token = post(token_url, form, {"Content-Type": "application/x-www-form-urlencoded"})
    access_token = token["access_token"]
    customer = post(
        f"{base_url}/v1/customers",
        CUSTOMER_REQUEST.read_bytes(),
        {
            "Authorization": f"Bearer {access_token}",
            "Content-Type": "application/json",
            "MS-RequestId": str(uuid.uuid4()),
            "MS-Contract-Version": "v1",
        },
    )
    return {
        "PC_BASE_URL": base_url,
        "PC_TOKEN": access_token,
        "PC_CUSTOMER": customer["id"],
        "PC_RESELLER": banner_value(banner, "reseller id"),
    }


def main():
    args = sys.argv[1:]
    if len(args) < 3 or args[1] != "--":
        sys.exit(__doc__)
    binary, command = args[0], args[2:]
    with tempfile.TemporaryFile(mode="w+") as log:
        process, banner = start(binary, log)
        try:
            env = dict(os.environ, **prepare(banner))
            print(f"with_emulator: {env['PC_BASE_URL']}, customer {env['PC_CUSTOMER']}", flush=True)
            status = subprocess.run(command, env=env, check=False).returncode
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if status != 0:
            log.seek(0)
            tail = log.read()[-20000:]
            print(f"with_emulator: the command failed ({status}); the emulator's log:\n{tail}")
        return status


if __name__ == "__main__":
    sys.exit(main())
