#!/usr/bin/env bash
# Issue #21: CollabBot beside Bolt for JavaScript (Slack `/collab help`) and the Microsoft 365 Agents
# SDK (Teams channel `help`), same requests, same machine, loopback only. One command:
#   tests/scripts/peer-bench.sh
# Installs the peers' npm packages into PEER_BENCH_CACHE (default ~/.cache/collabbot-bench, outside
# the repository) when missing, builds CollabBot in Release, then runs PEER_BENCH_ROUNDS (3) rounds
# of PEER_BENCH_SECONDS (8, at most 10) per side at PEER_BENCH_CONNECTIONS (32) and prints req/s,
# p99, server CPU per request, the ratios and whether the issue's targets held. PEER_BENCH_PLATFORMS
# (slack,teams,answer) picks the scenarios; answer = durable Slack pulse answers. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${PEER_BENCH_CACHE:-$HOME/.cache/collabbot-bench}"
seconds="${PEER_BENCH_SECONDS:-8}"
if (( seconds > 10 )); then echo "PEER_BENCH_SECONDS is at most 10" >&2; exit 2; fi
command -v node >/dev/null || { echo "node (20 or later) is needed for the peers" >&2; exit 2; }

mkdir -p "$cache"
if [[ ! -f "$cache/.installed-v1" ]]; then
  [[ -f "$cache/package.json" ]] || echo '{"name":"collabbot-peer-bench","private":true}' > "$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --save-exact \
    @slack/bolt@5.1.0 @microsoft/agents-hosting@1.8.1 @microsoft/agents-hosting-express@1.8.1)
  touch "$cache/.installed-v1"
fi

dotnet build -c Release src/CollabBot.Host -v quiet -nologo
dotnet build -c Release tests/CollabBot.Benchmarks -v quiet -nologo
exec dotnet run -c Release --no-build --project tests/CollabBot.Benchmarks -- peers \
  --peers tests/scripts/peers --node-modules "$cache/node_modules" \
  --rounds "${PEER_BENCH_ROUNDS:-3}" --seconds "$seconds" --warmup "${PEER_BENCH_WARMUP:-5}" \
  --connections "${PEER_BENCH_CONNECTIONS:-32}" --platforms "${PEER_BENCH_PLATFORMS:-slack,teams,answer}"
