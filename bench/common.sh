# Sourced (not run) by bench/run-*.sh, from the repository root: what every benchmark run does around its client.
# One layout for all of them, so they share the generated and imported data: $BENCH_DIR/gen-<scale> and
# $BENCH_DIR/db-<scale> with the import marker db-<scale>.imported beside it.
#
# The caller sets before calling: name (log prefix), work ($BENCH_DIR), scale, gen, db, db_given, fresh, heap,
# page_cache, http_port, bolt_port, java (java=$(bench_find_java), first: no JDK 25 stops before the build) and app
# (a directory of its own for the jar copies, so two benches never share one).
# bench_stage sets: jar, client_cp, neo4j_flags; bench_start_service sets: service, service_jvm.

say() { echo "[$name] $*" >&2; }

# A JDK 25 (the build finds its own through maven-toolchains; plain `java` needs one too).
bench_find_java() {
  local home v
  for home in "${JAVA25_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$home/bin/java"; return; fi
  done
  echo "no JDK 25 found (set JAVA25_HOME)" >&2; exit 1
}

# The working tree and ~/.m2 may be shared with other people's builds: one Maven at a time, through the same lock
# file they use (BENCH_MAVEN_LOCK); without flock (e.g. macOS) the build runs unlocked.
bench_build() {
  local lock=${BENCH_MAVEN_LOCK:-/tmp/sourcetrace-maven.lock}
  if command -v flock > /dev/null; then
    say "building (tests skipped; waiting for $lock if another build holds it)"
    flock "$lock" ./mvnw -q -B -ntp -pl bench -am -DskipTests package
  else
    say "building (tests skipped; no flock here, so not serialised with other builds)"
    ./mvnw -q -B -ntp -pl bench -am -DskipTests package
  fi
}

# Run copies, not target/: another build in the same tree may rewrite those jars while the service runs.
bench_stage() {
  rm -rf "$app"; mkdir -p "$app"
  cp graph-service/target/graph-service-*-exec.jar "$app/graph-service-exec.jar"
  cp "$(ls graph-service/target/graph-service-*.jar | grep -v -- '-exec\.jar$')" "$app/graph-service.jar"
  cp bench/target/bench-*.jar "$app/bench.jar"
  cp bench/target/classes/service-jvm.properties "$app/"
  cp -r seed-data/target/classes "$app/seed-data"
  jar="$app/graph-service-exec.jar"
  client_cp="$app/bench.jar:$(tr ':' '\n' < bench/target/classpath.txt | sed "s|.*/graph-service/target/graph-service-[^/]*\.jar$|$app/graph-service.jar|" | paste -sd:)"
  neo4j_flags=$(sed -n 's/^neo4j.jvm.flags=//p' "$app/service-jvm.properties")
}

# Generate unless $gen holds a dataset (or $fresh).
bench_generate() {
  if $fresh || [ ! -s "$gen/listings.csv" ] || [ ! -s "$gen/truth.json" ]; then
    say "generating scale $scale into $gen"
    rm -rf "$gen"
    "$java" -Xmx4g -cp "$app/seed-data" org.sourcetrace.seed.Generator --scale "$scale" --seed 42 --out "$gen"
  fi
}

# Generate (unless $gen holds a dataset) and import into a fresh embedded data dir (unless the marker says done).
bench_data() {
  bench_generate
  local marker="$db.imported"
  if $fresh || { [ ! -f "$marker" ] && ! { $db_given && [ -n "$(ls -A "$db" 2>/dev/null)" ]; }; }; then
    # BENCH_IMPORT=merge for the merge import (minutes at scale 1, ~15 at 10); the default is the empty-store bulk
    # import, which writes the same graph (BulkImportIT) in ~25 s at scale 1 and ~3.5 min at 10 (its heap:
    # BENCH_IMPORT_HEAP, 2g, 6g at scale 10)
    local how=${BENCH_IMPORT:-bulk} import_heap=${BENCH_IMPORT_HEAP:-2g}
    if [ "$scale" = 10 ] && [ -z "${BENCH_IMPORT_HEAP:-}" ]; then import_heap=6g; fi
    say "importing $gen into a fresh embedded database in $db ($how import, heap $import_heap)"
    rm -rf "$db" "$marker"
    SOURCETRACE_DATA_DIR="$db" SOURCETRACE_BOLT_PORT=0 \
      "$java" -Xmx"$import_heap" $neo4j_flags -jar "$jar" import $([ "$how" = bulk ] && echo --bulk) "$gen" \
      --logging.level.root=WARN --logging.level.org.sourcetrace.ingest=INFO
    echo "$gen" > "$marker"
  fi
}

# Starts the service on $db (loopback ports), stops it on exit by its PID, waits for /actuator/health.
bench_start_service() {
  if curl -s -o /dev/null "http://localhost:$http_port/" || (exec 3<>"/dev/tcp/127.0.0.1/$bolt_port") 2>/dev/null; then
    echo "port $http_port or $bolt_port is already in use: set BENCH_HTTP_PORT / BENCH_BOLT_PORT" >&2; exit 1
  fi
  service_jvm="-Xms$heap -Xmx$heap -XX:+UseG1GC${BENCH_SERVICE_JVM_EXTRA:+ $BENCH_SERVICE_JVM_EXTRA}"
  local log="$work/service-$http_port.log"
  say "starting the service on $db (HTTP $http_port, Bolt $bolt_port, $service_jvm, page cache $page_cache); log: $log"
  # BENCH_SERVICE_ENV: extra VAR=value pairs for the service (space-separated), e.g. its overload or rate limits
  # shellcheck disable=SC2086
  env ${BENCH_SERVICE_ENV:-} SOURCETRACE_AUDIT_FILE="$work/audit-$http_port/audit.jsonl" SOURCETRACE_DATA_DIR="$db" SOURCETRACE_DEMO_LOAD=false SOURCETRACE_BOLT_PORT="$bolt_port" \
    SOURCETRACE_PAGE_CACHE="$page_cache" PORT="$http_port" \
    "$java" $service_jvm $neo4j_flags -jar "$jar" > "$log" 2>&1 &
  service=$!
  trap bench_stop_service EXIT
  for _ in $(seq 1 240); do
    if curl -sf "http://localhost:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then break; fi
    if ! kill -0 "$service" 2>/dev/null; then echo "the service stopped; its log:" >&2; tail -40 "$log" >&2; exit 1; fi
    sleep 1
  done
  curl -sf "http://localhost:$http_port/actuator/health" > /dev/null || { echo "the service did not come up; see $log" >&2; exit 1; }
  bench_wait_suspicion
}

# The first start after an import materialises every listing's suspicion in the background (about a minute at
# scale 1, both cores busy): measuring beside it would measure that run. Waits until no run is going or queued.
bench_wait_suspicion() {
  local status
  for _ in $(seq 1 1200); do
    status=$(curl -s -u admin:demo-admin -H 'Content-Type: application/json' \
      -d '{"query":"{ suspicionStatus { running queued listingsDone } }"}' "http://localhost:$http_port/graphql" || true)
    if echo "$status" | grep -q '"running":false,"queued":false'; then return; fi
    case "$status" in *'"running":true'*) say "waiting for the materialised suspicion: $status" ;; esac
    sleep 5
  done
  say "the materialised suspicion is still running after 100 minutes; measuring anyway"
}

bench_stop_service() {
  if [ -n "${service:-}" ] && kill -0 "$service" 2>/dev/null; then
    say "stopping the service (pid $service)"
    kill "$service"; wait "$service" 2>/dev/null || true
  fi
}

# What the report says of the code and of the service's JVM.
bench_commit() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git status --porcelain -- graph-service schema cypher 2>/dev/null)" ]; then commit="$commit (+ uncommitted changes in the service)"; fi
  echo "$commit"
}

bench_service_text() {
  echo "$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p'), $service_jvm, Neo4j page cache $page_cache"
}
