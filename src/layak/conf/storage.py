"""Where uploaded files live: the filesystem (default) or S3-compatible object storage.

`LAYAK_STORAGE=s3` keeps evidence, Profil Anak uploads and bundles in a bucket (AWS S3, MinIO,
Ceph, a cloud provider's object store) through django-storages, so several app servers can share
them. Files are never public: they are read by the app and served through its own access rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layak.conf.env import SettingsError, env_secret, env_str

KINDS = ("filesystem", "s3")
ADDRESSING_STYLES = ("auto", "path", "virtual")


def file_storage(data_dir: Path, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The STORAGES["default"] entry chosen by LAYAK_STORAGE and the LAYAK_S3_* variables."""
    kind = env_str("LAYAK_STORAGE", "filesystem", environ).strip().lower()
    if kind not in KINDS:
        raise SettingsError(f"LAYAK_STORAGE={kind!r}: use filesystem or s3")
    if kind == "filesystem":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": data_dir / "files", "base_url": None},
        }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_options(environ)}


def s3_options(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    bucket = env_str("LAYAK_S3_BUCKET", "", environ).strip()
    if not bucket:
        raise SettingsError("LAYAK_STORAGE=s3 needs LAYAK_S3_BUCKET (the bucket's name)")
    endpoint = env_str("LAYAK_S3_ENDPOINT_URL", "", environ).strip()
    if endpoint and not endpoint.startswith(("https://", "http://")):
        raise SettingsError(
            f"LAYAK_S3_ENDPOINT_URL={endpoint!r}: give the full address, e.g. https://s3.example.go.id"
        )
    # MinIO and most self-hosted stores want bucket names in the path, not the host name.
    style = env_str("LAYAK_S3_ADDRESSING_STYLE", "path" if endpoint else "auto", environ)
    if style not in ADDRESSING_STYLES:
        raise SettingsError(f"LAYAK_S3_ADDRESSING_STYLE={style!r}: use auto, path or virtual")
    access_key = env_secret("LAYAK_S3_ACCESS_KEY", environ)
    secret_key = env_secret("LAYAK_S3_SECRET_KEY", environ)
    if bool(access_key) != bool(secret_key):
        raise SettingsError(
            "LAYAK_S3_ACCESS_KEY and LAYAK_S3_SECRET_KEY go together: set both, or neither to "
            "use the machine's own credentials (instance role, ~/.aws)"
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": env_str("LAYAK_S3_REGION", "", environ).strip() or None,
        "location": env_str("LAYAK_S3_PREFIX", "", environ).strip().strip("/"),
        "addressing_style": None if style == "auto" else style,
        # Names are random, but a collision must never replace someone's evidence.
        "file_overwrite": False,
        # Objects stay private: the bucket's policy decides, no public-read ACL is ever sent.
        "default_acl": None,
        "querystring_auth": True,
    }
    if access_key and secret_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return options
