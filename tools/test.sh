#!/usr/bin/env bash
# Run every check of the project: lint, format, and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check tools tests benchmarks
.venv/bin/ruff format --check tools tests benchmarks
.venv/bin/python -m pytest "$@"
