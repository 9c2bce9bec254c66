#!/usr/bin/env bash
# Bad input against a real host process: the test suite's seeded generator (tests/CollabBot.Tests/Host/Fuzz),
# for FUZZ_SECONDS (default 60) with FUZZ_SEED (default: a new one, printed so a failure can be replayed).
# Every endpoint: Slack, Teams, health, install/OAuth, digest links, the job dashboard, unknown paths.
# Fails on any 5xx (501 for an unknown Teams invoke is the protocol's answer), a refused request that stored
# something, a body over the limit not answered 413, an error in the host's log, or a host that died.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${FUZZ_SECONDS:-60}"
seed="${FUZZ_SEED:-$RANDOM}"
dotnet build -c Release src/CollabBot.Host -v quiet -nologo
dotnet run -c Release --project tests/CollabBot.Benchmarks -- fuzz --seconds "$seconds" --seed "$seed"
