#!/usr/bin/env bash
# The digest page in a real browser. Builds the host, seeds the demo team on a temporary data
# directory, starts the host on a free loopback port, mints signed links with the `link`
# verb and drives headless Chromium (playwright-core) through them: the page loads with its
# chart, logs no console errors, shows the key text, fits a phone screen; an expired and a
# tampered link are refused. Saves screenshots and prints their paths; exits non-zero on
# any failure.
#   tests/scripts/digest-page-browser.sh            (run from anywhere)
# Needs: dotnet, node + npm, and /usr/bin/chromium (installed with apt-get when missing and
# running as root). playwright-core is installed once into a cache directory
# (COLLABBOT_BROWSER_CACHE, default ~/.cache/collabbot-browser); it never downloads browsers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${COLLABBOT_BROWSER_OUT:-$here/out}"
cache="${COLLABBOT_BROWSER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/collabbot-browser}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
playwright_version=1.65.1

if [ ! -x "$chromium" ]; then
  [ "$(id -u)" = 0 ] || { echo "Chromium is missing: apt-get install -y chromium (as root)" >&2; exit 1; }
  echo "installing chromium (apt)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f "$cache/node_modules/playwright-core/package.json" ]; then
  echo "installing playwright-core $playwright_version into $cache…"
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "playwright-core@$playwright_version" >/dev/null
fi

echo "building the host…"
dotnet build "$root/src/CollabBot.Host" -nologo -v q -clp:ErrorsOnly >/dev/null
bin="$root/src/CollabBot.Host/bin/Debug/net10.0"

data="$(mktemp -d /tmp/collabbot-browser.XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
export Storage__DataDirectory="$data" Bot__PublicBaseUrl="$base" Delivery__Enabled=false ASPNETCORE_ENVIRONMENT=Production
host_pid=""
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
host() { (cd "$bin" && ./CollabBot.Host "$@"); }

echo "seeding the demo team…"
demo="$(host demo)"
team="$(sed -n 's/.*team \(t[0-9]*\) .*/\1/p' <<<"$demo" | head -n 1)"
week="$(sed -n 's/.*weeks [0-9W-]*\.\.\([0-9]*-W[0-9]*\)\..*/\1/p' <<<"$demo" | head -n 1)"
[ -n "$team" ] && [ -n "$week" ] || { echo "could not read the team and week from the demo output:" >&2; echo "$demo" >&2; exit 1; }

echo "starting the host on $base…"
(cd "$bin" && exec ./CollabBot.Host --urls "$base" >"$data/host.log" 2>&1) &
host_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || { echo "the host exited:" >&2; cat "$data/host.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base/healthz" >/dev/null || { echo "the host did not answer /healthz" >&2; exit 1; }

links="$(host link digest --team "$team" --week "$week")"
page="$(sed -n 1p <<<"$links")"
expired="$(host link digest --team "$team" --week "$week" --expires 2020-01-01T00:00:00Z | sed -n 1p)"
echo "signed page link: $page"

mkdir -p "$out"
PLAYWRIGHT_CORE="$cache/node_modules/playwright-core" CHROMIUM="$chromium" \
  node "$here/digest-page-browser.cjs" "$page" "$expired" "$out"
