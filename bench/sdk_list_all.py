#!/usr/bin/env python3
"""Benchmark baseline: list every log entry of an OOS execution with the official
Python SDK (alibabacloud-oos20190601), paging with NextToken until the end.

Writes each log entry as one compact JSON line to stdout, like
`oos-logs list EXECUTION_ID --all -o jsonl`.

Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET,
the region from ALIBABA_CLOUD_REGION_ID (default cn-hangzhou).

Setup:
    python3 -m venv /tmp/sdkvenv
    /tmp/sdkvenv/bin/pip install alibabacloud-oos20190601

Example:
    /tmp/sdkvenv/bin/python bench/sdk_list_all.py \
        --endpoint http://127.0.0.1:18080 --execution-id exec-large-1000

Signing: alibabacloud-tea-openapi (checked against 0.4.6) sends RPC APIs through
`do_request` (signature V3, ACS3-HMAC-SHA256) unless `Config.signature_algorithm`
is 'v2'; with 'v2', `call_api` uses `do_rpcrequest`, which signs with
SignatureMethod=HMAC-SHA1, SignatureVersion=1.0 (the classic RPC V1 signature).
"""

import argparse
import json
import os
import sys
from urllib.parse import urlsplit

from alibabacloud_oos20190601.client import Client
from alibabacloud_oos20190601.models import ListExecutionLogsRequest
from alibabacloud_tea_openapi.models import Config


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True,
                        help="e.g. http://127.0.0.1:18080 or https://oos.cn-hangzhou.aliyuncs.com")
    parser.add_argument("--execution-id", required=True)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()

    # The SDK takes the endpoint as host[:port] and the scheme separately.
    url = urlsplit(args.endpoint if "://" in args.endpoint else "https://" + args.endpoint)
    region = os.environ.get("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")

    config = Config(
        access_key_id=os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"],
        access_key_secret=os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
        region_id=region,
        endpoint=url.netloc,
        protocol=url.scheme.upper(),  # 'HTTP' for the local emulator
        signature_algorithm="v2",     # RPC signature V1 (HMAC-SHA1) instead of V3
    )
    client = Client(config)

    out = sys.stdout
    request = ListExecutionLogsRequest(
        region_id=region,
        execution_id=args.execution_id,
        max_results=args.page_size,
    )
    while True:
        body = client.list_execution_logs(request).body
        for entry in body.execution_logs or []:
            out.write(json.dumps(entry.to_map(), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
        if not body.next_token:
            break
        request.next_token = body.next_token
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
