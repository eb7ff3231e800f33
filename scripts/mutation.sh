#!/usr/bin/env bash
# Mutation testing of the core folders with Stryker.NET (the local tool in .config/dotnet-tools.json, settings in
# stryker-config.json: ConfigureAwait, logging calls (ILogger methods and the LoggerMessage classes Log, TokenLog,
# JobLog) and ThrowIfCancellationRequested are not mutated).
# Not part of CI: one scope takes 4-20 minutes on 2 cores.
#
#   scripts/mutation.sh                  every scope
#   scripts/mutation.sh sdk-pagination   one or more scopes (sdk-authentication sdk-http sdk-pagination
#                                        connector-sync connector-chunking)
#   CONCURRENCY=1 scripts/mutation.sh …  fewer test runners on a shared machine (default 2)
#
# Reports: artifacts/mutation/<scope>/reports/mutation-report.{html,json}; the last line of each scope is its score.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

declare -A project=(
  [sdk-authentication]=src/CarbonVoice.Sdk
  [sdk-http]=src/CarbonVoice.Sdk
  [sdk-pagination]=src/CarbonVoice.Sdk
  [connector-sync]=src/CarbonVoice.Sdk.Connector
  [connector-chunking]=src/CarbonVoice.Sdk.Connector
)
declare -A tests=(
  [sdk-authentication]=tests/CarbonVoice.Sdk.Tests/CarbonVoice.Sdk.Tests.csproj
  [sdk-http]=tests/CarbonVoice.Sdk.Tests/CarbonVoice.Sdk.Tests.csproj
  [sdk-pagination]=tests/CarbonVoice.Sdk.Tests/CarbonVoice.Sdk.Tests.csproj
  [connector-sync]=tests/CarbonVoice.Sdk.Connector.Tests/CarbonVoice.Sdk.Connector.Tests.csproj
  [connector-chunking]=tests/CarbonVoice.Sdk.Connector.Tests/CarbonVoice.Sdk.Connector.Tests.csproj
)
declare -A folder=(
  [sdk-authentication]=Authentication
  [sdk-http]=Http
  [sdk-pagination]=Pagination
  [connector-sync]=Sync
  [connector-chunking]=Ingestion/Chunking
)
order=(sdk-authentication sdk-http sdk-pagination connector-sync connector-chunking)

scopes=("$@")
[ "${#scopes[@]}" -gt 0 ] || scopes=("${order[@]}")
for scope in "${scopes[@]}"; do
  if [ -z "${project[$scope]:-}" ]; then
    echo "unknown scope '$scope'; known: ${order[*]}" >&2
    exit 2
  fi
done

dotnet tool restore > /dev/null
summary=()
for scope in "${scopes[@]}"; do
  out="$root/artifacts/mutation/$scope"
  rm -rf "$out"
  mkdir -p "$out"
  printf '\n==> %s: %s/%s\n' "$scope" "${project[$scope]}" "${folder[$scope]}"
  (cd "${project[$scope]}" && dotnet stryker \
      --config-file "$root/stryker-config.json" \
      --test-project "$root/${tests[$scope]}" \
      --mutate "${folder[$scope]}/**/*.cs" \
      --concurrency "${CONCURRENCY:-2}" \
      --output "$out") | tee "$out/log.txt"
  score=$(sed -n 's/.*The final mutation score is \([0-9.]*\) %.*/\1/p' "$out/log.txt" | tail -n 1)
  summary+=("$scope: ${score:-?} %")
done

printf '\n'
for line in "${summary[@]}"; do echo "$line"; done
