"""Fixtures of the deployment tests: object storage (moto, in-process, no network) chosen
through the same settings reader as production."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.conf import settings
from django.test.utils import override_settings
from moto import mock_aws

from layak.conf.storage import file_storage

BUCKET = "layak-bukti"


class Bucket:
    """The test bucket: what is in it, by key."""

    def __init__(self, client: Any, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=BUCKET)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        body: bytes = self.client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        return body


@pytest.fixture
def s3_bucket(tmp_path: Any) -> Iterator[Bucket]:
    """Django's default storage is an S3 bucket, configured as an operator would configure it
    (LAYAK_STORAGE=s3 with the keys given as *_FILE secrets)."""
    secret = tmp_path / "s3-secret"
    secret.write_text("testing-secret\n", encoding="utf-8")
    environ = {
        "LAYAK_STORAGE": "s3",
        "LAYAK_S3_BUCKET": BUCKET,
        "LAYAK_S3_REGION": "ap-southeast-3",
        "LAYAK_S3_ACCESS_KEY": "testing",
        "LAYAK_S3_SECRET_KEY_FILE": str(secret),
        "LAYAK_S3_PREFIX": "kla/",
    }
    entry = file_storage(tmp_path, environ)
    with mock_aws():
        client = boto3.client(
            "s3",
            region_name="ap-southeast-3",
            aws_access_key_id="testing",
            aws_secret_access_key="testing-secret",
        )
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"}
        )
        with override_settings(STORAGES={**settings.STORAGES, "default": entry}):
            yield Bucket(client, "kla/")
