#!/bin/sh
# Runs under tini in every image. It only fills in the gateway's Telegram mode when none is given:
# webhook once a public TELEGRAM_WEBHOOK_URL is set, else polling, which needs no public address.
# An explicit TELEGRAM_MODE always wins; the workers ignore the variable.
set -eu
if [ -z "${TELEGRAM_MODE:-}" ]; then
  if [ -n "${TELEGRAM_WEBHOOK_URL:-}" ]; then
    TELEGRAM_MODE=webhook
  else
    TELEGRAM_MODE=polling
  fi
  export TELEGRAM_MODE
fi
# exec: node replaces this shell, so tini's SIGTERM reaches node itself.
exec "$@"
