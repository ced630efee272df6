#!/usr/bin/env bash
# 10,000 generated GraphQL requests (issue 16, fuzzing) against the service on a real Neo4j: GraphQlFuzzIT with a
# larger count — the same generator, checks and set-up as the suite's 1,500 (graph-service/src/test/java/org/sourcetrace/
# fuzz/), so the bench and the suite cannot drift apart. Prints the seed, the statuses seen and any failure.
#
#   bench/run-fuzz.sh [--count 10000] [--seed N] [--threads 4]
#
# A failure names the seed and the request's number; replay it with --seed N (and -Dfuzz.only=I through Maven).
set -euo pipefail
cd "$(dirname "$0")/.."

count=10000 seed=$(( $(date +%s) % 1000000000 )) threads=4
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
# one Maven at a time on a shared machine (the lock is free where nothing else builds)
lock=(); command -v flock >/dev/null && lock=(flock /tmp/sourcetrace-maven.lock)
status=0
"${lock[@]}" ./mvnw -q -o -pl graph-service -am verify -Dit.test=GraphQlFuzzIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.count="$count" -Dfuzz.seed="$seed" -Dfuzz.threads="$threads" > "${TMPDIR:-/tmp}/sourcetrace-fuzz.log" 2>&1 || status=$?
grep -h "GraphQlFuzzIT:" "${TMPDIR:-/tmp}/sourcetrace-fuzz.log" || true
report=graph-service/target/failsafe-reports/org.sourcetrace.fuzz.GraphQlFuzzIT.txt
[ -f "$report" ] && grep -v '^\s*at ' "$report" | head -60
[ "$status" -eq 0 ] && echo "fuzz: $count requests, seed $seed: no failure" || echo "fuzz: FAILED (seed $seed; log ${TMPDIR:-/tmp}/sourcetrace-fuzz.log)"
exit "$status"
