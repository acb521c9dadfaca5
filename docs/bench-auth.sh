#!/usr/bin/env bash
# Authenticated GET /v1/realtime beside GET /health/live, in the same run, against a running server, over plain
# HTTP or TLS (https://localhost:9443: the development server's self-signed certificate is accepted).
#
#   PETTY_RATE_LIMIT_API_BURST=100000000 PETTY_RATE_LIMIT_API_PER_SECOND=100000000 mvn -Pserve package &
#   docs/bench-auth.sh [base-url] [seconds] [connections]
#
# The rate limit is raised for the measurement only (otherwise one owner gets 20 requests/s, by design).
# Needs wrk (Debian: apt-get install wrk). Prints wrk's report for each endpoint and the throughput ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-http://localhost:9080}
seconds=${2:-20}
connections=${3:-32}
json='Content-Type: application/json'
field() { sed "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/"; }
# wrk does not check certificates; curl is told not to for a development server's own.
curl() { if [[ $base == https://* ]]; then command curl -k "$@"; else command curl "$@"; fi; }

email="bench-$(date +%s%N)@example.com"
curl -sf -X POST "$base/v1/accounts" -H "$json" \
  -d "{\"email\":\"$email\",\"password\":\"benchmark passphrase\",\"display_name\":\"Bench\"}" > /dev/null
owner=$(curl -sf -X POST "$base/v1/auth/token" -H "$json" \
  -d "{\"email\":\"$email\",\"password\":\"benchmark passphrase\"}" | field access_token)
pet=$(curl -sf -X POST "$base/v1/pets" -H "$json" -H "Authorization: Bearer $owner" \
  -d '{"name":"Bench","species":"dog"}' | field id)
# A collar as the factory makes it (the run command's database and development master key).
IFS=, read -r collar secret claim < <(java -jar petty-cli/target/petty.jar collars provision --count 1 --prefix BN \
  --profile development | tail -1)
curl -sf -X POST "$base/v1/collars" -H "$json" -H "Authorization: Bearer $owner" \
  -d "{\"collar_id\":\"$collar\",\"claim_code\":\"$claim\",\"pet_id\":\"$pet\"}" > /dev/null
device=$(curl -sf -X POST "$base/v1/auth/device-token" -H "$json" \
  -d "{\"collar_id\":\"$collar\",\"secret\":\"$secret\"}" | field access_token)
curl -sf -X POST "$base/v1/ingest" -H "$json" -H "Authorization: Bearer $device" \
  -d "{\"collar_id\":\"$collar\",\"timestamp\":\"$(date -u -d "+2 seconds" +%Y-%m-%dT%H:%M:%SZ)\",\"heart_rate\":72,\"activity_level\":1}" > /dev/null

# (The reading is stamped just ahead: one stamped before its pairing, within the same second, is refused.)
# Warm up both paths (JIT, connection pool), then measure.
wrk -t2 -c"$connections" -d5s -H "Authorization: Bearer $owner" "$base/v1/realtime?collar_id=$collar" > /dev/null
wrk -t2 -c"$connections" -d5s "$base/health/live" > /dev/null
echo "== GET /v1/realtime (owner token, $connections connections, ${seconds}s)"
report=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $owner" \
  "$base/v1/realtime?collar_id=$collar")
echo "$report"
realtime=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
echo "== GET /health/live ($connections connections, ${seconds}s)"
report=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base/health/live")
echo "$report"
live=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
awk -v r="$realtime" -v l="$live" 'BEGIN {printf "realtime %.0f req/s, live %.0f req/s, ratio %.2f\n", r, l, r / l}'
