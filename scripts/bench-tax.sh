#!/usr/bin/env bash
# Benchmarks municipal tax declarations submitted and paid (one act) per second through the
# sandbox bank, on SQLite and on PostgreSQL (fresh databases, removed afterwards).
# Usage: scripts/bench-tax.sh [declarations, default 500] [requests at once, default 16]
BENCH=bench-tax exec "$(dirname "${BASH_SOURCE[0]}")/bench-payments.sh" "$@"
