#!/usr/bin/env bash
# Single-client latency of sourceLookup and traceSource (HTTP GraphQL) and of the same trace query as raw Cypher
# over Bolt, on generator data: build, generate (or reuse), import into a fresh embedded data dir (or reuse), start
# the service, warm up, measure, PROFILE, stop the service, print the table. See bench/README.md.
#
#   bench/run-trace-latency.sh [--scale 1] [--gen DIR] [--db DIR] [--samples 3000] [--warmup 1000] [--seed 42]
#                              [--fresh] [--no-build]
#
# --gen DIR   generator output to use; generated there when it holds no listings.csv + truth.json
# --db DIR    embedded data dir; imported when it has no import marker (DIR.imported) — an explicitly given,
#             non-empty DIR is trusted to hold that data
# --fresh     regenerate and re-import even when they exist
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench), BENCH_HTTP_PORT (18099), BENCH_BOLT_PORT
# (17699), BENCH_SERVICE_HEAP (2g), BENCH_PAGE_CACHE (1g), JAVA25_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 gen="" db="" samples=3000 warmup=1000 seed=42 fresh=false build=true db_given=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --db) db=$2; db_given=true; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=${gen:-$work/gen-$scale}
db=${db:-$work/db-$scale}
http_port=${BENCH_HTTP_PORT:-18099}
bolt_port=${BENCH_BOLT_PORT:-17699}
heap=${BENCH_SERVICE_HEAP:-2g}
page_cache=${BENCH_PAGE_CACHE:-1g}
mkdir -p "$work"
say() { echo "[run-trace-latency] $*" >&2; }

# A JDK 25 (the build finds its own through maven-toolchains; plain `java` needs one too).
find_java() {
  local home v
  for home in "${JAVA25_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$home/bin/java"; return; fi
  done
  echo "no JDK 25 found (set JAVA25_HOME)" >&2; exit 1
}
java=$(find_java)

if $build; then
  say "building (tests skipped)"
  ./mvnw -q -B -ntp -pl bench -am -DskipTests package
fi
# Run copies, not target/: another build in the same tree may rewrite those jars while the service runs.
app="$work/app"
rm -rf "$app"; mkdir -p "$app"
cp graph-service/target/graph-service-*-exec.jar "$app/graph-service-exec.jar"
cp "$(ls graph-service/target/graph-service-*.jar | grep -v -- '-exec\.jar$')" "$app/graph-service.jar"
cp bench/target/bench-*.jar "$app/bench.jar"
cp bench/target/classes/service-jvm.properties "$app/"
cp -r seed-data/target/classes "$app/seed-data"
jar="$app/graph-service-exec.jar"
client_cp="$app/bench.jar:$(tr ':' '\n' < bench/target/classpath.txt | sed "s|.*/graph-service/target/graph-service-[^/]*\.jar$|$app/graph-service.jar|" | paste -sd:)"
neo4j_flags=$(sed -n 's/^neo4j.jvm.flags=//p' "$app/service-jvm.properties")

if $fresh || [ ! -s "$gen/listings.csv" ] || [ ! -s "$gen/truth.json" ]; then
  say "generating scale $scale into $gen"
  rm -rf "$gen"
  "$java" -Xmx4g -cp "$app/seed-data" org.sourcetrace.seed.Generator --scale "$scale" --seed 42 --out "$gen"
fi

marker="$db.imported"
if $fresh || { [ ! -f "$marker" ] && ! { $db_given && [ -n "$(ls -A "$db" 2>/dev/null)" ]; }; }; then
  say "importing $gen into a fresh embedded database in $db (several minutes at scale 1)"
  rm -rf "$db" "$marker"
  SOURCETRACE_DATA_DIR="$db" SOURCETRACE_BOLT_PORT=0 \
    "$java" -Xmx"$heap" $neo4j_flags -jar "$jar" import "$gen" --logging.level.root=WARN \
    --logging.level.org.sourcetrace.ingest=INFO
  echo "$gen" > "$marker"
fi

if curl -s -o /dev/null "http://localhost:$http_port/" || (exec 3<>"/dev/tcp/127.0.0.1/$bolt_port") 2>/dev/null; then
  echo "port $http_port or $bolt_port is already in use: set BENCH_HTTP_PORT / BENCH_BOLT_PORT" >&2; exit 1
fi
service_jvm="-Xms$heap -Xmx$heap -XX:+UseG1GC"
log="$work/service-$http_port.log"
say "starting the service on $db (HTTP $http_port, Bolt $bolt_port, $service_jvm, page cache $page_cache); log: $log"
SOURCETRACE_DATA_DIR="$db" SOURCETRACE_DEMO_LOAD=false SOURCETRACE_BOLT_PORT="$bolt_port" \
  SOURCETRACE_PAGE_CACHE="$page_cache" PORT="$http_port" \
  "$java" $service_jvm $neo4j_flags -jar "$jar" > "$log" 2>&1 &
service=$!
stop() {
  if kill -0 "$service" 2>/dev/null; then
    say "stopping the service (pid $service)"
    kill "$service"; wait "$service" 2>/dev/null || true
  fi
}
trap stop EXIT

for _ in $(seq 1 240); do
  if curl -sf "http://localhost:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then echo "the service stopped; its log:" >&2; tail -40 "$log" >&2; exit 1; fi
  sleep 1
done
curl -sf "http://localhost:$http_port/actuator/health" > /dev/null || { echo "the service did not come up; see $log" >&2; exit 1; }

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- graph-service schema cypher 2>/dev/null)" ]; then commit="$commit (+ uncommitted changes in the service)"; fi
"$java" -Xms512m -Xmx1g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED -cp "$client_cp" \
  org.sourcetrace.bench.TraceLatency --data "$gen" --graphql "http://localhost:$http_port/graphql" \
  --bolt "bolt://localhost:$bolt_port" --samples "$samples" --warmup "$warmup" --seed "$seed" \
  --out bench/target/trace-latency --commit "$commit" --scale "$scale" --store-size "$(du -sh "$db" | cut -f1)" \
  --service-jvm "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'), $service_jvm, Neo4j page cache $page_cache"
