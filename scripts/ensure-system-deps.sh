#!/usr/bin/env bash
# Make sure the programs the test suite needs are on this machine:
# a PostgreSQL server (initdb/pg_ctl) and LibreOffice + poppler for the report tests.
# Installs Debian's packages when missing and we are root; otherwise says how.
set -euo pipefail

missing=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if ! command -v soffice >/dev/null 2>&1; then
  missing+=(libreoffice-writer-nogui)
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  missing+=(poppler-utils)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need: ${missing[*]}. Install them, e.g.: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${missing[*]}, and this is not a Debian-like system: install them by hand." >&2
  exit 1
fi
echo "Installing ${missing[*]} from the system packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
