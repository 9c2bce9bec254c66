#!/usr/bin/env bash
# Two real hosts on one PostgreSQL database: Hangfire on in both, every team's
# scheduled jobs due at start, signed Slack and authenticated Teams traffic to both in turn
# with platform retries sent to the other host, Slack and Teams faked by local recording
# servers. Exit 0 only when every scheduled job ran once, every message was delivered once
# and every answer and kudos landed once. Uses COLLABBOT_TEST_POSTGRES when set (.ci/run),
# else starts a private cluster with tests/scripts/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${CONFIGURATION:-Debug}
dotnet build tests/CollabBot.Benchmarks -c "$config" -nologo -v q >/dev/null
dir=$(mktemp -d /tmp/collabbot-two.XXXXXX)
server=${COLLABBOT_TEST_POSTGRES:-}
if [ -z "$server" ]; then
  pgdir=$(mktemp -d /tmp/collabbot-two-pg.XXXXXX)   # its own directory: the cluster's owner must reach it
  server=$(tests/scripts/postgres.sh start "$pgdir" "${TWO_INSTANCES_PG_PORT:-55433}")
  trap 'tests/scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir" "$dir"' EXIT
else
  trap 'rm -rf "$dir"' EXIT
fi
dotnet "tests/CollabBot.Benchmarks/bin/$config/net10.0/CollabBot.Benchmarks.dll" two-instances \
  --host-dll "src/CollabBot.Host/bin/$config/net10.0/CollabBot.Host.dll" --postgres "$server" --dir "$dir/run"
