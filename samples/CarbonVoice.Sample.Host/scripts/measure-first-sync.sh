#!/usr/bin/env bash
# Measures the time from `dotnet run` to a finished first sync of the default emulated data:
# start the host (no configuration but a throwaway database), drive OAuth with curl following redirects
# (the emulator's consent page is approved by a form POST, as a person would), start a sync, poll its status.
# Usage: samples/CarbonVoice.Sample.Host/scripts/measure-first-sync.sh   (PORT=8000 by default; it must be free)
set -euo pipefail
cd "$(dirname "$0")/../../.."
PORT=${PORT:-8000}
KEY=dev-key-tenant-a
API=http://localhost:$PORT/api/connectors/carbonvoice

# Another process on the port would answer the requests below and be measured instead of this host.
for address in 127.0.0.1 ::1; do
  if (exec 3<>"/dev/tcp/$address/$PORT") 2>/dev/null; then
    echo "measure-first-sync: port $PORT is in use (something listens on $address:$PORT); stop it or run with PORT=<a free port>." >&2
    exit 1
  fi
done
work=$(mktemp -d)
json() { grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | sed "s/\"$1\":\"//; s/\"\$//; s/\\\\u0026/\\&/g"; }
now() { date +%s.%N; }

start=$(now)
Sample__DatabasePath="$work/sample.db" Sample__DataProtectionKeysPath="$work/keys" \
  dotnet run --project samples/CarbonVoice.Sample.Host -- --urls "http://localhost:$PORT" >"$work/host.log" 2>&1 &
runner=$!
cleanup() { for p in $(pgrep -P "$runner" 2>/dev/null) "$runner"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

for _ in $(seq 1 600); do
  kill -0 "$runner" 2>/dev/null || { echo "measure-first-sync: the host exited; its log:" >&2; cat "$work/host.log" >&2; exit 1; }
  curl -sf -H "X-Api-Key: $KEY" "$API/info" >/dev/null 2>&1 && break
  sleep 0.1
done
listening=$(now)

# One cookie jar plays the browser: /oauth/start sets the cookie that binds the authorization to it, and the
# callback (reached by following the emulator's redirect) must send it back.
auth_url=$(curl -sf -c "$work/jar" -X POST -H "X-Api-Key: $KEY" "$API/oauth/start?company_id=measure" | json authorization_url)
emulator=${auth_url%%/oauth/authorize*}
consent=$(curl -sf -b "$work/jar" -c "$work/jar" "$auth_url")
request_id=$(printf '%s' "$consent" | grep -o 'name="request_id" value="[^"]*"' | sed 's/.*value="//; s/"$//')
user_id=$(printf '%s' "$consent" | grep -o 'option value="[^"]*" selected' | sed 's/option value="//; s/" selected//')
landing=$(curl -sf -L -b "$work/jar" -c "$work/jar" -o /dev/null -w '%{url_effective}' \
  --data "request_id=$request_id&explicit_redirect=true&decision=approve&user_id=$user_id" "$emulator/oauth/authorize")
connector=${landing##*connected=}
connected=$(now)

run=$(curl -sf -X POST -H "X-Api-Key: $KEY" "$API/$connector/sync" | json sync_log_id)
status=running
for _ in $(seq 1 3000); do
  body=$(curl -sf -H "X-Api-Key: $KEY" "$API/$connector/sync/$run")
  status=$(printf '%s' "$body" | json status)
  [ "$status" != running ] && break
  sleep 0.05
done
finished=$(now)

printf 'host answering after      %6.2f s\n' "$(echo "$listening - $start" | bc)"
printf 'connected (OAuth) after   %6.2f s\n' "$(echo "$connected - $start" | bc)"
printf 'first sync %-9s after %6.2f s  (sync alone %.2f s)\n' "$status" "$(echo "$finished - $start" | bc)" "$(echo "$finished - $connected" | bc)"
printf '%s\n' "$body" | grep -o '"records_fetched":[0-9]*\|"records_created":[0-9]*' | tr '\n' ' '; echo
[ "$status" = succeeded ]
