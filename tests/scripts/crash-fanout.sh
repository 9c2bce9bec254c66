#!/usr/bin/env bash
# The crash test: a real host on SQLite, Slack and Teams pointed at local recording
# fakes, a pulse fan-out queued by the job code, SIGKILL while a Slack post is accepted but
# not yet answered, a restart, and a count of every delivery by key. Exit 0 only when no
# message was lost, none appeared twice on Slack, and Teams repeated only messages the kill
# caught in flight (the Connector offers no way to look; see docs/operations.md, Delivery: the outbox).
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${CONFIGURATION:-Debug}
dotnet build tests/CollabBot.Benchmarks -c "$config" -nologo -v q >/dev/null
dir=$(mktemp -d /tmp/collabbot-crash.XXXXXX)
trap 'rm -rf "$dir"' EXIT
dotnet "tests/CollabBot.Benchmarks/bin/$config/net10.0/CollabBot.Benchmarks.dll" crash-fanout \
  --host-dll "src/CollabBot.Host/bin/$config/net10.0/CollabBot.Host.dll" --dir "$dir/run" "$@"
