#!/usr/bin/env bash
# End to end through the Microsoft 365 Agents Playground: the host in Teams local development
# mode (no app id, Development, loopback only), the Playground as the Teams client and the Bot
# Connector, and a conversation driven through the Playground's own HTTP API (the routes its web
# UI calls): `help` in the personal chat before any team exists, the app is added to a team, the
# installer runs `pulse now` and answers it inline (the Playground opens no dialogs: the form
# comes to the 1:1 chat and is sent with Action.Execute), gives kudos with an @mention and asks
# for the digest, and a second member asks for the digest. Every check reads what the Playground
# recorded the bot posting to its Connector or answering its invokes. Prints PASS or FAIL last.
#
#   tests/scripts/teams-playground-e2e.sh       (from the repository root; needs dotnet, node, npm)
#
# E2E_CONFIGURATION (default Debug, what `dotnet test` already built), COLLABBOT_PLAYGROUND_DIR
# (where the npm package is installed, default ~/.cache/collabbot/…), E2E_STRICT=1 (known bot
# issues fail the run instead of warning), E2E_KEEP=1 (keep the temp dir with all logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=0.2.28
config=${E2E_CONFIGURATION:-Debug}
pgdir=${COLLABBOT_PLAYGROUND_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/collabbot/m365agentsplayground-$version}
work=$(mktemp -d /tmp/collabbot-e2e.XXXXXX)
helper="$root/tests/scripts/playground-replies.mjs"
rec="$work/recording.log"
pids=()
known=0

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ] || [ -n "${E2E_KEEP:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

fail() {
  echo "---- host log (last 30 lines)"; tail -n 30 "$work/host.log" 2>/dev/null || true
  echo "---- playground log (last 15 lines)"; tail -n 15 "$work/playground.out" 2>/dev/null || true
  echo "---- what the bot posted"; node "$helper" dump "$rec" 0 2>/dev/null || true
  echo "FAIL: teams-playground-e2e: $*"
  exit 1
}

# A bot defect that is reported but not yet fixed: loud, and fatal under E2E_STRICT=1.
known_issue() {
  known=$((known + 1))
  echo "KNOWN ISSUE: $*"
  [ -z "${E2E_STRICT:-}" ] || fail "known issue (E2E_STRICT=1): $*"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p=$1
  while ! port_free "$p"; do p=$((20000 + RANDOM % 30000)); done
  echo "$p"
}

wait_http() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || fail "$3 exited while starting"
    sleep 0.5
  done
  fail "$3 did not answer $1 within 60 s"
}

echo "== build the host ($config)"
dotnet build -c "$config" src/CollabBot.Host -nologo -v q -clp:ErrorsOnly >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build failed"; }

echo "== Microsoft 365 Agents Playground $version"
bin="$pgdir/node_modules/.bin/agentsplayground"
if [ ! -x "$bin" ]; then
  mkdir -p "$pgdir"
  npm install --prefix "$pgdir" --no-audit --no-fund --loglevel=error "@microsoft/m365agentsplayground@$version" \
    || fail "npm install of @microsoft/m365agentsplayground@$version into $pgdir failed (offline? install it there by hand)"
fi
[ -x "$bin" ] || fail "no agentsplayground in $pgdir after npm install"

bot_port=$(pick_port 3978)
pg_port=$(pick_port 56150)
pg="http://127.0.0.1:$pg_port"

echo "== start the host on 127.0.0.1:$bot_port (Teams local development mode)"
ASPNETCORE_ENVIRONMENT=Development Storage__DataDirectory="$work/data" Logging__LogLevel__Default=Warning \
  dotnet "src/CollabBot.Host/bin/$config/net10.0/CollabBot.Host.dll" --urls "http://127.0.0.1:$bot_port" >"$work/host.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$bot_port/healthz" "${pids[-1]}" "the host"
grep -q "TEAMS LOCAL DEVELOPMENT MODE" "$work/host.log" || fail "the host did not start in Teams local development mode"

echo "== start the Playground on $pg"
TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_LOGFILE="$work/playground.log" M365_AGENTS_PLAYGROUND_RECORDING_FILE="$rec" \
  "$bin" -e "http://127.0.0.1:$bot_port/api/messages" -c msteams -p "$pg_port" --su "$pg/_connector" \
  --enable-events-recording --disable-telemetry >"$work/playground.out" 2>&1 &
pids+=($!)
wait_http "$pg/_debug/ping" "${pids[-1]}" "the Playground"
# What its web UI loads first: the mock tenant (users, the team and its channels, the bot).
curl -fsS "$pg/_internal/v1/config" -o "$work/config.json" || fail "GET /_internal/v1/config failed"
get() { node "$helper" get "$work/config.json" "$1"; }
bot_id=$(get config.bot.id); bot_name=$(get config.bot.name); tenant=$(get config.tenantId)
team=$(get config.teams.0.id); team_name=$(get config.teams.0.name)
me=$(get config.currentUser.id); dm=$(get config.personalChat.id)
rep=$(get config.teams.0.members.0); rep_name=$(node -e "const c=require('$work/config.json').config;console.log(c.users.find(u=>u.id==='$rep').name)")
peer=$(get config.teams.0.members.1); peer_name=$(node -e "const c=require('$work/config.json').config;console.log(c.users.find(u=>u.id==='$peer').name)")

mark() { node "$helper" count "$rec"; }
# expect_post <since> <conversation prefix|-> <regex> <what>: waits up to 15 s for such a post.
expect_post() {
  local line
  for _ in $(seq 1 60); do
    if line=$(node "$helper" find "$rec" "$1" "$2" "$3"); then echo "   ok: $4 — $line"; return 0; fi
    sleep 0.25
  done
  fail "$4: no post in ${2/#-/any conversation} matching /$3/"
}
absent() { ! node "$helper" find "$rec" "$1" - "$2" >/dev/null; }
post() { curl -fsS -H 'content-type: application/json' -d "$2" "$pg$1" >/dev/null || fail "POST $1 failed"; }
# A channel message to the bot as the Playground's user, with the bot's @mention first.
say() {
  local text=$1 mentions="{\"mentioned\":{\"id\":\"$bot_id\"},\"text\":\"<at>$bot_name</at>\"}${2:-}"
  post "/_conversation/v1/conversations/$team/messages" \
    "{\"from\":{\"id\":\"$me\"},\"text\":\"<at>$bot_name</at> $text\",\"textFormat\":\"plain\",\"mentions\":[$mentions]}"
}

# The outbox delivery engine posts what goes to the channel (pulse card, kudos card); a tree
# without it leaves those rows queued, so the channel posts are checked only where it exists.
delivery=no; [ -f src/CollabBot.Core/Delivery/OutboxDelivery.cs ] && delivery=yes

echo "== 0. 'help' in the personal chat, before any team exists"
m=$(mark)
post "/_conversation/v1/conversations/$dm/messages" "{\"from\":{\"id\":\"$me\"},\"text\":\"help\",\"textFormat\":\"plain\"}"
expect_post "$m" "$dm" "not in any team of yours yet.*kudos.*checkin.*Add CollabBot to a team.*Add to a team" "the commands and how to add CollabBot to a team"
absent "$m" "don't know your team" || fail "help answered 'I don't know your team yet' before a team exists"

echo "== 1. add the app to team '$team_name' (the Playground's install: installationUpdate + conversationUpdate)"
m=$(mark)
post "/_debug/conversation/$team/installation" '{}'
expect_post "$m" "$team" "CollabBot is here.*$team_name" "welcome card in the team channel"
sleep 1
absent "$m" "Something went wrong" || known_issue "one of the two install activities failed (concurrent Install: UNIQUE constraint on Workspaces) and the installer got the generic error"
welcomes=$(node "$helper" dump "$rec" "$m" | grep -c "CollabBot is here" || true)
[ "$welcomes" -le 1 ] || known_issue "$welcomes welcome cards for one install (installationUpdate and conversationUpdate are each handled as an install)"

echo "== 2. the installer (manager) runs 'pulse now'"
m=$(mark)
say "pulse now"
expect_post "$m" "$dm" "^Pulse posted in .+ channel for [0-9]+ members; each answers privately from the card\.$" "private confirmation"
if [ "$delivery" = yes ]; then expect_post "$m" "$team" "Weekly pulse" "pulse card in the team channel"
else echo "   note: no outbox delivery engine in this tree: the pulse card stays queued, not checked"; fi

if [ "$delivery" = yes ]; then
  echo "== 2b. the installer answers the pulse inline (no dialogs in the Playground)"
  # The card's button as the Playground's UI sends it: an Action.Submit it cannot open as a dialog.
  card=$(node "$helper" card "$rec" "$m" "$team" "Weekly pulse") || fail "no pulse card to answer"
  click=$(node -e "const c=JSON.parse(process.argv[1]);const b=c.actions.find(a=>a.type==='Action.Submit');
    console.log(JSON.stringify({conversation:{id:'$team;messageid='+c.id},replyToId:c.id,from:{id:'$me'},value:b.data}))" "$card")
  m=$(mark)
  post "/_conversation/v1/submit" "$click"
  form_text="Anonymous: your answers are stored without your name"
  expect_post "$m" "$dm" "$form_text" "the pulse form, inline in the 1:1 chat"
  node "$helper" find "$rec" "$m" "$team" "$form_text" >/dev/null && fail "the pulse form was posted in the team channel"
  form=$(node "$helper" card "$rec" "$m" "$dm" "$form_text")
  [[ "$form" == *'"inputs":["'* && "$form" == *'"Action.Execute"'* ]] || fail "the inline form has no inputs or no Action.Execute: $form"
  # invoke <answer everything: yes|no>: the form's Action.Execute as the Playground's UI sends it.
  invoke() {
    local body
    body=$(node -e "const f=JSON.parse(process.argv[1]);const s=f.actions.find(a=>a.type==='Action.Execute');
      const data=Object.assign({},s.data);for(const [i,k] of f.inputs.entries()) if('$1'==='yes'||i===0) if(!k.startsWith('comment')) data[k]='4';
      console.log(JSON.stringify({name:'adaptiveCard/action',from:{id:'$me'},conversation:{id:'$dm'},replyToId:f.id,
        value:{action:{type:'Action.Execute',title:s.title,verb:s.verb,data}}}))" "$form")
    local since; since=$(mark)
    curl -fsS -H 'content-type: application/json' -d "$body" "$pg/_conversation/v1/invoke" >/dev/null || fail "POST /_conversation/v1/invoke failed"
    for _ in $(seq 1 60); do node "$helper" invoke "$rec" "$since" && return 0; sleep 0.25; done
    fail "the Playground recorded no answer to the adaptiveCard/action invoke"
  }
  answer=$(invoke no)
  [[ "$answer" == application/vnd.microsoft.card.adaptive:*"Please pick a value from 1 to 5."*"[inputs]" ]] \
    || fail "a partial answer did not keep the form with the error in it: $answer"
  echo "   ok: a partial answer keeps the form with its error"
  answer=$(invoke yes)
  [[ "$answer" == "application/vnd.microsoft.card.adaptive: Weekly pulse | Thanks — your answers are in, anonymously."* && "$answer" != *"[inputs]"* ]] \
    || fail "the inline answer did not replace the form with the acknowledgement: $answer"
  echo "   ok: the card now says — ${answer#*: }"
  answer=$(invoke yes)
  [[ "$answer" == *"already answered"* ]] || fail "a second answer was not refused: $answer"
  echo "   ok: answering again is refused — ${answer#*: }"
fi

echo "== 3. kudos to @$peer_name"
m=$(mark)
say "kudos <at>$peer_name</at> great demo" ",{\"mentioned\":{\"id\":\"$peer\"},\"text\":\"<at>$peer_name</at>\"}"
expect_post "$m" "$dm" "^Kudos sent to .+! \([0-9]+ left today\)" "private confirmation"
absent "$m" "Kudos sent to <@" || known_issue "the kudos confirmation shows the neutral mention '<@$peer>' instead of '$peer_name' (TeamsReplies.Text does not render mentions)"
if [ "$delivery" = yes ]; then
  expect_post "$m" "$team" "Kudos!" "kudos card in the team channel"
  node "$helper" find "$rec" "$m" "$team" "Kudos!.*recognised.*$peer_name" >/dev/null \
    || known_issue "the channel's kudos card names people by id ('<at>$peer</at>') instead of '$peer_name' (outbox cards are rendered without names)"
fi

echo "== 4. the installer asks for the digest"
m=$(mark)
say "digest"
expect_post "$m" "$dm" "Collaboration digest — $team_name.*Week to date" "digest card (week to date)"

echo "== 5. $rep_name (from the roster read at install) asks for the digest"
# The Playground's message API always speaks as its current user; another member's message is
# one of its custom activities (the UI's "mock an activity"), filled in from its own template.
m=$(mark)
curl -fsS "$pg/_internal/v1/customActivities/template?conversationId=$team" -o "$work/template.json" || fail "no custom activity template"
activity=$(node -e "
const a=require('$work/template.json');
Object.assign(a,{type:'message',text:'<at>$bot_name</at> digest',textFormat:'plain',locale:'en-US',from:{id:'$rep',name:'$rep_name'},
  entities:[{type:'mention',text:'<at>$bot_name</at>',mentioned:{id:'$bot_id',name:'$bot_name'}}],
  channelData:{tenant:{id:'$tenant'},team:{id:'$team',name:'$team_name'},channel:{id:'$team'}}});
console.log(JSON.stringify(a));")
post "/_internal/v1/customActivities" "$activity"
expect_post "$m" - "Collaboration digest — $team_name" "digest card for $rep_name"

echo "== transcript (bot posts)"
node "$helper" dump "$rec" 0
echo "PASS: teams-playground-e2e (7 steps$([ "$known" -gt 0 ] && echo ", $known known issue(s) reported above"))"
