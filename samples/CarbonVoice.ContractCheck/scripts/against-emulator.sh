#!/usr/bin/env bash
# Runs the contract check against the standalone emulator on a free loopback port, as CI does, and fails when any
# route fails (a parse failure above all). The report goes to the path given (default artifacts/contract-report.json).
#   samples/CarbonVoice.ContractCheck/scripts/against-emulator.sh [report.json]
set -euo pipefail
cd "$(dirname "$0")/../../.."
report=${1:-artifacts/contract-report.json}
mkdir -p "$(dirname "$report")"
work=$(mktemp -d)

dotnet build samples/CarbonVoice.Emulator -c Release -v q -nologo -o "$work/emulator" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dotnet build samples/CarbonVoice.ContractCheck -c Release -v q -nologo -o "$work/check" > "$work/build.log" || { cat "$work/build.log"; exit 1; }

# The dll itself, not `dotnet run`: stopping `dotnet run` can leave its child server running.
dotnet "$work/emulator/CarbonVoice.Emulator.dll" --port 0 --seed 42 --workspaces 2 --conversations 5 --messages 40 --no-quirks > "$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  grep -q "access token:" "$work/emulator.log" && break
  kill -0 "$emulator" 2>/dev/null || { cat "$work/emulator.log"; exit 1; }
  sleep 0.5
done
base=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/emulator.log" | head -n 1)
token=$(sed -n 's/.*access token: *\([^ ]*\).*/\1/p' "$work/emulator.log" | head -n 1)
[ -n "$base" ] && [ -n "$token" ] || { echo "the emulator did not start:"; cat "$work/emulator.log"; exit 1; }

CARBONVOICE_BASE_URL="$base" CARBONVOICE_ACCESS_TOKEN="$token" dotnet "$work/check/CarbonVoice.ContractCheck.dll" --json "$report"
