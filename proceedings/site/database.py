"""Which PostgreSQL Jinaq talks to: `DATABASE_URL` if set, else the embedded server."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import dj_database_url

EMBEDDED_ENGINE = "proceedings.site.embedded_postgres"
EMBEDDED_DATABASE_NAME = "jinaq"


def database_config(environ: Mapping[str, str], *, project_root: Path) -> dict:
    """Return Django's DATABASES["default"] for this environment.

    Only PostgreSQL is accepted: search, arrays and constraints rely on it, and tests must run
    against what production runs.
    """
    url = environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ValueError(f"DATABASE_URL must point at PostgreSQL, not {config['ENGINE']!r}")
        return config
    pgdata = environ.get("JINAQ_PGDATA") or str(project_root / "var" / "pgdata")
    return {
        "ENGINE": EMBEDDED_ENGINE,
        "NAME": EMBEDDED_DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "PGDATA": pgdata,
        "EMBEDDED_DATABASE": EMBEDDED_DATABASE_NAME,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def cache_config(environ: Mapping[str, str]) -> dict:
    """Django's CACHES["default"]: Redis when JINAQ_CACHE_URL names one (shared by every worker,
    as the per-client caps of proceedings/site/throttle.py need in production), else memory in this
    process."""
    url = environ.get("JINAQ_CACHE_URL", "").strip()
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jinaq"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"JINAQ_CACHE_URL must be a redis:// address, not {url!r}")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
