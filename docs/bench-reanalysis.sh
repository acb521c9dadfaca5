#!/usr/bin/env bash
# The re-analysis benchmark (issue #13): the nightly-reanalysis job over a recorded day of many pets, started through
# the REST layer, against the rule detectors alone over the same readings, in alternating rounds
# (it.io.petty.benchmark.ReanalysisBenchmark). It runs against the test server the build starts, with the production
# chunk of ten units (the test server checkpoints every two). Usage: docs/bench-reanalysis.sh [pets] [rounds]
# Failsafe runs the class once per execution (integration and resilience): two runs.
set -euo pipefail
cd "$(dirname "$0")/.."
pets=${1:-40}
rounds=${2:-3}
mvn -B -ntp -o verify -pl petty-ear -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ReanalysisBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dspotbugs.skip \
    -Dpetty.reanalysis.units=10 -Dpetty.bench.pets="$pets" -Dpetty.bench.rounds="$rounds" \
    | grep -E '^REANALYSIS|Tests run:|BUILD'
