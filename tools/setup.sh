#!/usr/bin/env bash
# Set up a fresh machine: a virtualenv with the project, Chromium for the
# browser tests, and the site built from the sample catalog into public/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: install Debian's package 'chromium' for the browser tests" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
.venv/bin/usefirst validate
if [ -f mkdocs.yml ]; then
  .venv/bin/mkdocs build --strict --site-dir public
fi
