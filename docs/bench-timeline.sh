#!/usr/bin/env bash
# The timeline benchmark (issue #9): a recorded day's timeline (8,520 readings, a reading every 10 s) read by many
# owners at once, against the same request for an empty day, in alternating rounds (it.io.petty.benchmark.
# TimelineBenchmark). It runs against the test server the build starts, with the per-owner timeline rate limit
# lifted so that the readers measure the server, not the limit. Usage: docs/bench-timeline.sh [readers] [pets]
# Failsafe runs the class once per execution (integration and resilience): two runs of three rounds each.
set -euo pipefail
cd "$(dirname "$0")/.."
readers=${1:-16}
pets=${2:-20}
mvn -B -ntp -o verify -pl petty-ear -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=TimelineBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dliberty.var.petty.rate-limit.timeline.burst=100000000 \
    -Dliberty.var.petty.rate-limit.timeline.per-second=100000000 \
    -Dpetty.bench.readers="$readers" -Dpetty.bench.pets="$pets" | grep -E '^TIMELINE|Tests run:|BUILD'
