#!/bin/sh
# Runs under tini in every image. compose.yaml gives the gateway an empty TELEGRAM_MODE when it is to
# choose for itself: webhook once a public TELEGRAM_WEBHOOK_URL is set, else polling, which needs no
# public address. A TELEGRAM_MODE with a value, or none at all, is left as it is.
set -eu
# compose.yaml also passes its sandbox's address and token: used in place of Telegram's while
# TELEGRAM_BOT_TOKEN is empty (the gateway then polls the sandbox), and never passed on to node.
if [ -n "${TELEGRAM_SANDBOX_API_ROOT:-}" ]; then
  if [ -z "${TELEGRAM_BOT_TOKEN:-}" ]; then
    export TELEGRAM_BOT_TOKEN="${TELEGRAM_SANDBOX_TOKEN:-}" TELEGRAM_API_ROOT="${TELEGRAM_SANDBOX_API_ROOT}"
    if [ -n "${TELEGRAM_MODE+set}" ]; then export TELEGRAM_MODE=polling; fi
  fi
  unset TELEGRAM_SANDBOX_API_ROOT TELEGRAM_SANDBOX_TOKEN
fi
# compose.yaml also passes the address of its MySQL: used as DATABASE_URL when the `mysql` profile
# runs that server (its name then resolves in the compose network), and never passed on to node.
if [ -n "${TASKBOT_MYSQL_URL:-}" ]; then
  if node -e "require('node:dns').lookup('mysql', (error) => process.exit(error ? 1 : 0))" 2>/dev/null; then
    export DATABASE_URL="${TASKBOT_MYSQL_URL}"
  fi
  unset TASKBOT_MYSQL_URL
fi
if [ -n "${TELEGRAM_MODE+set}" ] && [ -z "${TELEGRAM_MODE}" ]; then
  if [ -n "${TELEGRAM_WEBHOOK_URL:-}" ]; then
    TELEGRAM_MODE=webhook
  else
    TELEGRAM_MODE=polling
  fi
  export TELEGRAM_MODE
fi
# exec: node replaces this shell, so tini's SIGTERM reaches node itself.
exec "$@"
