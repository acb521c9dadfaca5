#!/usr/bin/env bash
# What a change costs ingest, measured as a ratio on one machine at one time: two servers side by side, A (the
# baseline, e.g. a worktree at an older commit) and B (this one), each with its own embedded PostgreSQL, the same
# `petty load` runs against each, interleaved A B, B A, ... so that both meet the same neighbours on a shared
# machine. Usage:
#
#   git worktree add ../petty-baseline 06cfa6a && cd ../petty-baseline
#   mvn -Pserve package -DskipTests -Dpetty.http.port=9081 -Dpetty.https.port=9444 -Dpetty.embedded-db.port=15442 \
#       -Dpetty.account-rate.burst=100000 -Dpetty.data.dir=/tmp/petty-baseline &
#   mvn -Pserve package -DskipTests -Dpetty.account-rate.burst=100000 -Dpetty.data.dir=/tmp/petty-bench &   # here
#   [PETTY_JAR_A=../petty-baseline/petty-cli/target/petty.jar] [PETTY_LOAD_ARGS=--motion PETTY_BATCH=100] \
#     docs/bench-ingest-ab.sh [runs] [seconds] [A url] [A database port] [B url] [B database port]
#
# Each run measures, per server, batched ingest (200 collars, batches of 500) with the COPY ceiling of its database
# just before, and single-reading requests (1,000 collars), the same loads as docs/bench-ingest.sh, after a warm-up
# of each that is not counted; PETTY_LOAD_ARGS adds arguments to every load (--motion: each reading carries a 2 s
# motion window, 5 KB of JSON, so batches of PETTY_BATCH=100 stay under the request size limit). It prints every
# run and the medians; B/A is the ratio of the medians.
set -euo pipefail
runs=${1:-4}
seconds=${2:-30}
url_a=${3:-http://localhost:9081}
db_a=${4:-15442}
url_b=${5:-http://localhost:9080}
db_b=${6:-15432}
# A's own generator when the API it provisions through changed since (e.g. ../petty-baseline/petty-cli/target/petty.jar);
# how readings are sent is the same in both.
jar_a=${PETTY_JAR_A:-petty-cli/target/petty.jar}
cd "$(dirname "$0")/.."
fleets=$(mktemp -d)
trap 'rm -rf "$fleets"' EXIT

load() { # server mode petty-load-arguments...
  local server=$1 mode=$2 url=$url_a db=$db_a jar=$jar_a
  shift 2
  if [ "$server" = B ]; then url=$url_b db=$db_b jar=petty-cli/target/petty.jar; fi
  PETTY_DB_URL="jdbc:postgresql://localhost:$db/petty" PETTY_DB_USER=postgres \
    java -jar "$jar" load --output json --url "$url" --fleet-file "$fleets/$server-$mode.json" \
    --reading-interval 1ms ${PETTY_LOAD_ARGS:-} "$@" 2> "$fleets/$server-$mode.log"
}
batch()  { load "$1" batch --collars 200 --batch "${PETTY_BATCH:-500}" "${@:2}"; }
single() { load "$1" single --collars 1000 --batch 1 "${@:2}"; }

echo "warm-up (not counted)..." >&2
for server in A B; do
  batch "$server" --duration 15s --no-verify > /dev/null
  single "$server" --duration 15s --no-verify > /dev/null
done

results=()
for run in $(seq 1 "$runs"); do
  order="A B"
  if [ $((run % 2)) = 0 ]; then order="B A"; fi
  for server in $order; do
    b=$(batch "$server" --duration "${seconds}s" --compare-copy)
    s=$(single "$server" --duration "${seconds}s")
    line=$(jq -nc --arg server "$server" --argjson b "$b" --argjson s "$s" '{server: $server, copy: $b.copy.rows_per_s,
        batch: $b.readings_per_s, ratio: $b.copy.ratio, single: $s.requests_per_s,
        verified: ($b.verification.complete and $s.verification.complete)}')
    results+=("$line")
    jq -r --arg run "$run" '"run \($run) \(.server): COPY \(.copy | floor) rows/s | batch \(.batch | floor) readings/s (\(.ratio * 1000 | round / 1000) of COPY) | single \(.single | floor) requests/s | every acknowledged reading present: \(.verified)"' <<< "$line"
  done
done

printf '%s\n' "${results[@]}" | jq -rs '
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def of($s): map(select(.server == $s));
  (of("A") | {batch: map(.batch) | median, ratio: map(.ratio) | median, single: map(.single) | median}) as $a
  | (of("B") | {batch: map(.batch) | median, ratio: map(.ratio) | median, single: map(.single) | median}) as $b
  | "median A: batch \($a.batch | floor) readings/s (\($a.ratio * 1000 | round / 1000) of COPY), single \($a.single | floor) requests/s",
    "median B: batch \($b.batch | floor) readings/s (\($b.ratio * 1000 | round / 1000) of COPY), single \($b.single | floor) requests/s",
    "B/A: batch readings/s \($b.batch / $a.batch * 1000 | round / 1000), ratio to COPY \($b.ratio / $a.ratio * 1000 | round / 1000), single \($b.single / $a.single * 1000 | round / 1000)"'
