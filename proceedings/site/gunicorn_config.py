"""gunicorn's settings for `manage.py serve` (`--config python:proceedings.site.gunicorn_config`).

Address and workers come from the environment through `server_plan` (JINAQ_BIND / PORT,
JINAQ_WORKERS / WEB_CONCURRENCY, JINAQ_THREADS); any other gunicorn setting can be given in
GUNICORN_CMD_ARGS, which gunicorn reads after this file.
"""

import os

from proceedings.site.serve import ACCESS_LOG_FORMAT, available_cores, server_plan

_plan = server_plan(os.environ, cores=available_cores())

bind = [_plan.bind]
workers = _plan.workers
threads = _plan.threads
worker_class = "gthread" if _plan.threads > 1 else "sync"
# Django is imported once in the master and the workers fork from it: they boot in milliseconds
# and share its memory until they write. No database connection is opened before the fork.
preload_app = True
accesslog = "-"  # one line per request on stdout, with the time taken (%(M)s ms)
access_log_format = ACCESS_LOG_FORMAT
errorlog = "-"
# gunicorn 24+ opens a control socket in the user's home by default: one path shared by every
# server of that user on the machine (a deployment, a test run). Signals are all `serve` needs.
control_socket_disable = True
