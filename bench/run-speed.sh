#!/usr/bin/env bash
# The side-by-side speed bench (issue 13): the same three nested questions asked of raw Cypher through the Java
# driver, of the Neo4j GraphQL Library (@neo4j/graphql on Node.js, bench/graphql-library, against the service's
# embedded database over Bolt) and of our domain API, plus our own operations, interleaved, at 1, 8 and 32
# closed-loop clients. Build, generate (or reuse), import (or reuse), start the service, `npm ci` and start the
# Node peer, warm up, measure, PROFILE, stop both by PID. See bench/README.md "Speed side by side".
#
#   bench/run-speed.sh [--scale 0.1|1|10] [--gen DIR] [--db DIR] [--clients 1,8,32] [--items 200,200,128]
#                      [--solo-seconds 3] [--warmup 100] [--first 20] [--seed 42] [--calls a,b,...]
#                      [--fresh] [--no-build]
#
# --items      work items of the interleaved phase per client count (each item runs every call once)
# --solo-seconds  length of each call's solo phase (one call at a time) per client count
# --calls      only these calls (names as in the report, e.g. "sourceLookup,sourceLookup raw query")
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench), BENCH_HTTP_PORT (18199), BENCH_BOLT_PORT
# (17799), BENCH_LIBRARY_PORT (18299), BENCH_SERVICE_HEAP (1g), BENCH_PAGE_CACHE (512m), BENCH_CLIENT_HEAP (2g; scale 10's truth.json
# needs 6g), JAVA25_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 gen="" db="" fresh=false build=true db_given=false
clients=1,8,32 items=200,200,128 solo=3 warmup=100 first=20 seed=42 calls=""
command_line="bench/run-speed.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --db) db=$2; db_given=true; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --items) items=$2; shift 2 ;;
    --solo-seconds) solo=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=${gen:-$work/gen-$scale}
db=${db:-$work/db-$scale}
http_port=${BENCH_HTTP_PORT:-18199}
bolt_port=${BENCH_BOLT_PORT:-17799}
library_port=${BENCH_LIBRARY_PORT:-18299}
# the issue's RSS target (<= 2 GiB at scale 1 under load): a 1 GiB heap and a page cache twice the scale-1 store
heap=${BENCH_SERVICE_HEAP:-1g}
page_cache=${BENCH_PAGE_CACHE:-512m}
out=bench/target/speed
mkdir -p "$work" "$out"
name=run-speed app="$work/app-speed"
. bench/common.sh
java=$(bench_find_java)
command -v node > /dev/null && command -v npm > /dev/null || { echo "Node.js 20+ and npm are needed for the library peer" >&2; exit 1; }

if $build; then bench_build; fi
bench_stage
bench_data

# The Node peer's dependencies, exactly as the lockfile says (installed here only, never by the product build).
say "npm ci in bench/graphql-library"
(cd bench/graphql-library && npm ci --no-audit --no-fund --loglevel=error > /dev/null)

bench_start_service

library=""
stop_all() {
  if [ -n "$library" ] && kill -0 "$library" 2>/dev/null; then
    say "stopping the library peer (pid $library)"
    kill "$library"; wait "$library" 2>/dev/null || true
  fi
  bench_stop_service
}
trap stop_all EXIT
if curl -s -o /dev/null "http://127.0.0.1:$library_port/"; then
  echo "port $library_port is already in use: set BENCH_LIBRARY_PORT" >&2; exit 1
fi
library_log="$work/library-$library_port.log"
say "starting the Neo4j GraphQL Library peer on 127.0.0.1:$library_port (log: $library_log)"
BOLT_URL="bolt://127.0.0.1:$bolt_port" BOLT_PASSWORD_FILE="$db/bolt-password" PORT="$library_port" \
  node bench/graphql-library/server.mjs > "$library_log" 2>&1 &
library=$!
for _ in $(seq 1 60); do
  grep -q "ready at" "$library_log" 2>/dev/null && break
  kill -0 "$library" 2>/dev/null || { echo "the library peer stopped; its log:" >&2; cat "$library_log" >&2; exit 1; }
  sleep 1
done
grep -q "ready at" "$library_log" || { echo "the library peer did not come up; see $library_log" >&2; exit 1; }
library_version="@neo4j/graphql $(node -p "require('./bench/graphql-library/node_modules/@neo4j/graphql/package.json').version"), @apollo/server $(node -p "require('./bench/graphql-library/node_modules/@apollo/server/package.json').version"), neo4j-driver $(node -p "require('./bench/graphql-library/node_modules/neo4j-driver/package.json').version"), Node $(node --version); $(grep checkNeo4jCompat "$library_log" | sed 's/^\[library\] //')"

commit=$(bench_commit)
set +e
"$java" -Xms512m -Xmx"${BENCH_CLIENT_HEAP:-2g}" -XX:+UseG1GC --enable-native-access=ALL-UNNAMED -cp "$client_cp" \
  org.sourcetrace.bench.SpeedBench --data "$gen" --graphql "http://127.0.0.1:$http_port/graphql" \
  --library "http://127.0.0.1:$library_port/" --bolt "bolt://127.0.0.1:$bolt_port" --bolt-password-file "$db/bolt-password" \
  --service-pid "$service" --library-pid "$library" --clk-tck "$(getconf CLK_TCK)" \
  --clients "$clients" --items "$items" --solo-seconds "$solo" --warmup "$warmup" --first "$first" --seed "$seed" \
  ${calls:+--calls "$calls"} --out "$out" --scale "$scale" --commit "$commit" --store-size "$(du -sh "$db" | cut -f1)" \
  --service-jvm "$(bench_service_text)" --library-version "$library_version" --command "$command_line"
rc=$?
set -e
say "report: $out/report-$scale.md, figures: $out/results-$scale.json"
exit $rc
