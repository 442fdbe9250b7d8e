#!/usr/bin/env bash
# The venue search benchmark: lunch groups search for places through the OpenStreetMap provider
# against a fake Overpass and Nominatim on loopback that answers after a fixed latency (standing in
# for the internet), once straight and once through CachedVenueSearch, and prints provider calls,
# the cache's hit rate and p50/p99 latency of each. Runs in one process; no server needed.
# Usage: bench/venue-search.sh [--latency=80] [--groups=20] [--members=8] [--rounds=5] [--seed=1]
#        (after: mvn -B -ntp -q -pl adapter-venues,bench -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
gen=bench/target/where-to-eat-bench.jar
[ -f "$gen" ] || { echo "build first: mvn -B -ntp -q -pl adapter-venues,bench -am package -DskipTests" >&2; exit 1; }
exec java ${GEN_OPTS:-} -cp "$gen" com.wheretoeat.bench.VenueSearchBench "$@"
