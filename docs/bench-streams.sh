#!/usr/bin/env bash
# The event-stream benchmark (issue #10, it.io.petty.benchmark.LiveStreamBenchmark), against the test server the
# build starts: 5,000 open streams over 50 pets (the server's heap, RSS and threads before and with them), an alert
# delivered to all of them in 5 rounds (POST of the reading to each stream's receipt: p50, p99, max), then a few
# probe pets' alerts while `petty load` sends batches at full speed for a minute (its first 20 s, a new fleet, reported
# apart from the steady state after them). The per-account stream cap and the test
# server's ingest limits are lifted so that the benchmark measures the server. Usage:
# docs/bench-streams.sh [streams] [pets]. Failsafe runs the class once per execution (integration and resilience).
set -euo pipefail
cd "$(dirname "$0")/.."
streams=${1:-5000}
pets=${2:-50}
mvn -B -ntp -o verify -pl petty-ear -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=LiveStreamBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dliberty.var.petty.live.streams-per-account=1000000 \
    -Dpetty.ingest-concurrency=16 -Dpetty.ingest-rate.per-second=1000 \
    -Dpetty.bench.streams="$streams" -Dpetty.bench.pets="$pets" | grep -E '^STREAMS|Tests run:|BUILD|FAIL|expected'
