#!/usr/bin/env bash
# Runs the test suite with the clock moved to a given instant (libfaketime), to show that no test depends on
# the day it runs: every process the suite starts (Node, the function workers, DynamoDB Local's JVM) sees the
# moved clock, which then runs on normally from that instant.
#
#   pnpm test:at 2027-01-01T00:00:30Z                 # the whole suite, starting 30 s into a new year
#   pnpm test:at 2026-12-31T23:59:30Z services/insights   # extra arguments go to jest (here: one folder)
#
# libfaketime comes from Debian's `faketime` package; the script installs it when it is missing (as root, or
# with sudo), or says what to do.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
instant="$1"
shift

target=$(date -u -d "$instant" +%s 2>/dev/null) || {
  echo "test-at: '$instant' is not an instant date(1) understands; use e.g. 2027-01-01T00:00:30Z" >&2
  exit 2
}

if ! command -v faketime >/dev/null 2>&1; then
  echo "test-at: libfaketime is missing; installing Debian's faketime package" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test-at: no apt-get here; install libfaketime (package 'faketime') and run again" >&2
    exit 1
  fi
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

offset=$((target - $(date -u +%s)))
sign="+"
[[ $offset -lt 0 ]] && sign=""
echo "test-at: running the tests with the clock at $(date -u -d "@$target" +%Y-%m-%dT%H:%M:%SZ) (offset ${sign}${offset} s)"

# The moved clock is relative: it keeps running from the instant, and monotonic clocks move by the same offset,
# so timers and timeouts behave as usual. FAKETIME_FORCE_MONOTONIC_FIX keeps the JVM (DynamoDB Local) from
# waiting for ever on its timed waits under libfaketime.
export FAKETIME_FORCE_MONOTONIC_FIX=1
seen=$(faketime -f "${sign}${offset}s" node -p 'Math.floor(Date.now() / 1000)')
if (( seen < target || seen > target + 60 )); then
  echo "test-at: the moved clock did not reach Node.js (it reads $(date -u -d "@$seen" +%FT%TZ)); is libfaketime working?" >&2
  exit 1
fi
exec faketime -f "${sign}${offset}s" pnpm test "$@"
