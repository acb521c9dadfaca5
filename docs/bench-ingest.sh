#!/usr/bin/env bash
# The ingest benchmark (issues #4 and #9) against a running server, every figure from the same runs on the same
# database:
#
#   PETTY_RATE_LIMIT_TIMELINE_BURST=1000000 PETTY_RATE_LIMIT_TIMELINE_PER_SECOND=1000000 \
#     mvn -Pserve package -DskipTests -Dpetty.account-rate.burst=100000 -Dpetty.data.dir=/tmp/petty-bench &
#   docs/bench-ingest.sh [runs] [seconds]
#
# The account limit is raised so that provisioning 100 owners is not throttled (by design an address may
# register 5 accounts a minute), and the per-owner timeline limit so that the event probes can poll. Each run
# measures, with `petty load`:
#   1. COPY of 500,000 generated rows into a logged table shaped like `reading`: the ceiling, rows/s;
#   2. batched ingest: 200 collars sending batches of 500, readings/s, and its ratio to 1;
#   3. single-reading requests from 1,000 collars, requests/s, and its ratio to 1;
#   4. the real-time view read by 100 owners (each polling its collars every second) during batched ingest;
#   5. batched ingest again with 4 event probes: a new session every second each, timed from the ingest's answer
#      to its event in the timeline (polled every 50 ms: finer polling loads the server it measures).
# A warm-up pass of each comes first and is not counted (the JIT). Needs jq and a built petty-cli.
#
# Every run passes --reading-interval 1ms. A collar never stamps a reading ahead of now, so its clock (which
# starts at its pairing, in the warm-up, and carries on from run to run) lets it send at most one reading per
# interval of real time: at the default of 1s the 200 batching collars could offer only 200 readings/s between
# them, and the script would measure the clocks, not the server. The runs measure about 450 readings/s per
# collar batched (200 collars) and 2.4 per collar single (1,000 collars); at 1 ms a reading a clock allows
# 1,000/s, so it falls further behind now every run and never holds a collar back. Each line reports the
# batches that did wait ("clock waits"): anything but 0 means the interval is too coarse for the server.
set -euo pipefail
runs=${1:-3}
seconds=${2:-30}
cd "$(dirname "$0")/.."
petty=(java -jar petty-cli/target/petty.jar load --output json)
fleets=$(mktemp -d)
trap 'rm -rf "$fleets"' EXIT

# Runs petty load and prints its JSON report. A run that exits non-zero (a reading missing, none acknowledged)
# still has its report printed, with "complete": false; its last progress lines go to standard error.
load() {
  local name=$1 report
  shift
  if ! report=$("${petty[@]}" --fleet-file "$fleets/$name.json" "$@" 2> "$fleets/$name.log"); then
    echo "petty load ($name) exited non-zero:" >&2
    tail -n 5 "$fleets/$name.log" >&2
  fi
  printf '%s' "$report"
}
batch()    { load batch --collars 200 --batch 500 --reading-interval 1ms "$@"; }
single()   { load single --collars 1000 --batch 1 --reading-interval 1ms "$@"; }
realtime() { load readers --collars 200 --batch 500 --readers 100 --reading-interval 1ms "$@"; }
events()   { load events --collars 200 --batch 500 --reading-interval 1ms --event-probes 4 "$@"; }

echo "warm-up (not counted)..." >&2
for mode in batch single realtime events; do
  $mode --duration 15s --no-verify > /dev/null
done

results=()
for run in $(seq 1 "$runs"); do
  b=$(batch --duration "${seconds}s" --compare-copy)
  s=$(single --duration "${seconds}s")
  r=$(realtime --duration "${seconds}s")
  e=$(events --duration "${seconds}s")
  line=$(jq -n --argjson b "$b" --argjson s "$s" --argjson r "$r" --argjson e "$e" '{
      copy: $b.copy.rows_per_s,
      batch: $b.readings_per_s, batch_ratio: $b.copy.ratio, batch_p99: $b.latency_ms.p99,
      single: $s.requests_per_s, single_ratio: ($s.requests_per_s / $b.copy.rows_per_s), single_p99: $s.latency_ms.p99,
      realtime_p99: $r.realtime.latency_ms.p99, realtime_reads: $r.realtime.latency_ms.count,
      realtime_ingest: $r.readings_per_s,
      event_p99: $e.events.latency_ms.p99, event_p50: $e.events.latency_ms.p50, event_samples: $e.events.latency_ms.count,
      event_timeouts: $e.events.timeouts, event_ingest: $e.readings_per_s,
      heap_mib: (([$b.max_heap_bytes, $s.max_heap_bytes, $r.max_heap_bytes, $e.max_heap_bytes] | map(. // 0) | max) / 1048576),
      clock_waits: ($b.clock_waits + $s.clock_waits + $r.clock_waits + $e.clock_waits),
      verified: ($b.verification.complete and $s.verification.complete and $r.verification.complete
                 and $e.verification.complete)}')
  results+=("$line")
  jq -r --arg run "$run" '"run \($run): COPY \(.copy | floor) rows/s | batch \(.batch | floor) readings/s (\(.batch_ratio * 1000 | round / 1000)), p99 \(.batch_p99) ms | single \(.single | floor) requests/s (\(.single_ratio * 10000 | round / 10000)), p99 \(.single_p99) ms | realtime p99 \(.realtime_p99) ms over \(.realtime_reads) reads during \(.realtime_ingest | floor) readings/s | event p50 \(.event_p50) ms, p99 \(.event_p99) ms over \(.event_samples) sessions (\(.event_timeouts) timed out) during \(.event_ingest | floor) readings/s | heap \(.heap_mib | round) MiB | clock waits \(.clock_waits) | every acknowledged reading present: \(.verified)"' <<< "$line"
done

printf '%s\n' "${results[@]}" | jq -rs '
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  "median: COPY \(map(.copy) | median | floor) rows/s | batch \(map(.batch) | median | floor) readings/s, ratio \(map(.batch_ratio) | median * 1000 | round / 1000) | single \(map(.single) | median | floor) requests/s, ratio \(map(.single_ratio) | median * 10000 | round / 10000) | realtime p99 \(map(.realtime_p99) | median) ms | event p99 \(map(.event_p99) | median) ms | heap at most \(map(.heap_mib) | max | round) MiB | clock waits \(map(.clock_waits) | add)"'
