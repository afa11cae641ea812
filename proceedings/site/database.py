"""Which PostgreSQL Jinaq talks to: `DATABASE_URL` if set, else the embedded server; and the
streaming replicas of it named by `DATABASE_REPLICA_URLS` (proceedings/site/routers.py reads from them)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

EMBEDDED_ENGINE = "proceedings.site.embedded_postgres"
EMBEDDED_DATABASE_NAME = "jinaq"
CONNECT_TIMEOUT_SECONDS = 5
REPLICA_CONNECT_TIMEOUT_SECONDS = 3


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
        # During an outage a request answers 503 (proceedings/site/outage.py) within seconds, not
        # after the minutes of a TCP time-out to a host that is gone; ?connect_timeout= in the URL wins.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
        return config
    pgdata = environ.get("JINAQ_PGDATA") or str(project_root / "var" / "pgdata")
    # Another database of the same embedded server (bench/soak.py serves the benchmarks' corpus
    # this way, so the site starts the server again itself after a crash, as in production).
    name = environ.get("JINAQ_EMBEDDED_DATABASE", "").strip() or EMBEDDED_DATABASE_NAME
    return {
        "ENGINE": EMBEDDED_ENGINE,
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "PGDATA": pgdata,
        "EMBEDDED_DATABASE": name,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def replica_database_configs(environ: Mapping[str, str]) -> dict[str, dict]:
    """Return DATABASES entries ("replica_1", "replica_2", …) for `DATABASE_REPLICA_URLS`.

    The value is a comma-separated list of PostgreSQL URLs, each a hot standby of the primary.
    A mistake stops the site at start-up, naming the item — never its password — because a
    replica silently left out would only show later as load on the primary.
    """
    value = environ.get("DATABASE_REPLICA_URLS", "")
    urls = [url.strip() for url in value.split(",") if url.strip()]
    configs = {}
    for number, url in enumerate(urls, start=1):
        item = f"DATABASE_REPLICA_URLS item {number} ({url_without_password(url)})"
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"{item} is not a database URL: {error}") from None
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured(f"{item} must point at PostgreSQL, not {config['ENGINE']!r}")
        # A standby that is unreachable must not hold a request for the minutes of a TCP time-out
        # (proceedings/site/routers.py then reads elsewhere); ?connect_timeout= in the URL wins.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", REPLICA_CONNECT_TIMEOUT_SECONDS)
        configs[f"replica_{number}"] = config
    return configs


def url_without_password(url: str) -> str:
    scheme, separator, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not separator or not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def cache_url(environ: Mapping[str, str]) -> str:
    """The Redis server every worker shares: REDIS_URL, or JINAQ_CACHE_URL (its older name); ''
    for none."""
    url = (environ.get("REDIS_URL") or environ.get("JINAQ_CACHE_URL") or "").strip()
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"REDIS_URL must be a redis:// address, not {url!r}")
    return url


def connection_url(connection, *, database: str | None = None) -> str:
    """A live connection's server as a DATABASE_URL (the embedded server: its socket folder as the
    host), naming `database` or the connection's own — for a process started beside this one
    (`manage.py serve` in the benches and tests) to reach the same server."""
    params = connection.get_connection_params()
    host = quote(params.get("host") or "localhost", safe="")
    port = f":{params['port']}" if params.get("port") else ""
    password = f":{quote(params['password'], safe='')}" if params.get("password") else ""
    user = quote(params.get("user") or "postgres")
    return f"postgres://{user}{password}@{host}{port}/{database or params['dbname']}"


def cache_config(environ: Mapping[str, str]) -> dict:
    """Django's CACHES["default"], where the per-client caps of proceedings/site/throttle.py count:
    Redis when REDIS_URL names one (shared by every worker, as the caps need in production), else
    memory in this process."""
    url = cache_url(environ)
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jinaq"}
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def page_cache_config(environ: Mapping[str, str]) -> dict:
    """CACHES["pages"], the rendered public pages (proceedings/site/page_cache.py): apart from the
    caps' counts, so a crowd of pages never pushes a count out. In Redis, under their own prefix,
    shared by every worker; else in this process's memory, up to JINAQ_PAGE_CACHE_ENTRIES pages
    (about 20-60 kB each)."""
    url = cache_url(environ)
    timeout = 24 * 60 * 60  # pages go stale by the content token, not by age; this only bounds memory
    if not url:
        entries = int(environ.get("JINAQ_PAGE_CACHE_ENTRIES", "2000"))
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "jinaq-pages",
            "TIMEOUT": timeout,
            "OPTIONS": {"MAX_ENTRIES": entries},
        }
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "jinaq-pages",
        "TIMEOUT": timeout,
    }
