#!/usr/bin/env bash
# Measures what docs/benchmarks.md reports for the walking skeleton:
#   1. the test command (`mvn verify`), warm local repository, N runs;
#   2. the run command (`mvn -Pserve package`) from typing it to /health/ready = UP, N runs.
# Usage: docs/measure-build-times.sh [N]   (default 3; prints one line per run, then the medians)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

verify_times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  mvn -q -B verify > /tmp/petty-measure-verify.log 2>&1
  t=$(( ($(date +%s%N) - start) / 1000000 ))
  verify_times+=("$t"); echo "mvn verify run $i: ${t} ms"
done

ready_times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  mvn -B -Pserve package > /tmp/petty-measure-serve.log 2>&1 &
  mvn_pid=$!
  until curl -sf http://localhost:9080/health/ready > /dev/null; do sleep 0.2; done
  t=$(( ($(date +%s%N) - start) / 1000000 ))
  ready_times+=("$t"); echo "mvn -Pserve package to ready, run $i: ${t} ms"
  kill -TERM "$mvn_pid"; wait "$mvn_pid" || true
done

echo "median mvn verify: $(printf '%s\n' "${verify_times[@]}" | median) ms"
echo "median run command to ready: $(printf '%s\n' "${ready_times[@]}" | median) ms"
