#!/usr/bin/env bash
# Soak: SOAK_SECONDS (default 600) of mixed traffic at SOAK_RATE (default 300) requests/s against ONE real
# host process on SQLite — signed Slack slash commands and pulse answers, Teams Action.Execute invokes and
# channel messages with Bot Framework tokens. Prints errors, p50/p99 per kind and the host's RSS (VmRSS)
# at the start, through the run and at the end; exits non-zero if any request did not get a 200.
# Not part of CI: it takes ten minutes and two cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${SOAK_SECONDS:-600}"
rate="${SOAK_RATE:-300}"
dotnet build -c Release src/CollabBot.Host -v quiet -nologo
dotnet run -c Release --project tests/CollabBot.Benchmarks -- soak --seconds "$seconds" --rate "$rate"
