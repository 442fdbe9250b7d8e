#!/usr/bin/env bash
# The many-areas benchmark of issue 10: starts the jar (embedded; two nodes on a redis-server of its
# own; or two nodes on a three-master Redis Cluster of its own), holds areas x members live connections
# open with a Netty load generator, each member voting every interval seconds, and prints latency,
# delivery, CPU and memory figures.
# Usage: bench/many-areas.sh [embedded|redis|cluster] [areas] [members] [interval s] [duration s] [warm-up s]
#        defaults: embedded 990 10 10 60 10   (after: mvn -B -ntp -q package -DskipTests)
# JAVA_OPTS is passed to the servers (e.g. -XX:StartFlightRecording=filename=/tmp/a.jfr), GEN_OPTS to
# the generator.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-embedded}; areas=${2:-990}; members=${3:-10}; interval=${4:-10}; duration=${5:-60}; warmup=${6:-10}
jar=app/target/where-to-eat.jar; gen=bench/target/where-to-eat-bench.jar
[ -f "$jar" ] && [ -f "$gen" ] || { echo "build first: mvn -B -ntp -q package -DskipTests" >&2; exit 1; }
case "$mode" in embedded) nodes=1 ;; redis|cluster) nodes=2 ;; *) echo "mode is embedded, redis or cluster" >&2; exit 2 ;; esac
if (( areas * members > nodes * 10000 )); then
  echo "at most 10,000 connections per node: $areas x $members is too many for $nodes node(s)" >&2; exit 2
fi

# Each side holds one descriptor per connection plus its own files: raise the soft limit as far as
# the hard one allows (children inherit it).
hard=$(ulimit -Hn); want=65536
[ "$hard" != unlimited ] && (( hard < want )) && want=$hard
ulimit -n "$want" 2>/dev/null || true
echo "open files limit $(ulimit -n)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Today's jar serves the live protocol on its own WS_PORT at any path; after the move to one Netty
# server it is at /live on PORT. The --help text tells which this jar is.
# Every simulated client comes from this one loopback address: lift the limits per address
# (older jars ignore the variables).
export MAX_CONNECTIONS_PER_ADDRESS=${MAX_CONNECTIONS_PER_ADDRESS:-10000000}
export SESSIONS_PER_ADDRESS_PER_MINUTE=${SESSIONS_PER_ADDRESS_PER_MINUTE:-1000000}
if java -jar "$jar" --help 2>&1 | grep -q WS_PORT; then two_ports=yes; else two_ports=no; fi

# Starts a node (REDIS_URL from the environment), waits until it is ready, and adds its live URL to
# $servers and its pid to $watch; not in a subshell, so its pid is remembered for the cleanup.
servers=""; watch=""; node_pids=()
start_node() { # $1: its name
  local http ws url
  http=$(free_port)
  if [ $two_ports = yes ]; then
    ws=$(free_port); url="ws://127.0.0.1:$ws/"
    PORT=$http WS_PORT=$ws HOST=127.0.0.1 java ${JAVA_OPTS:-} -jar "$jar" >"$work/$1.log" 2>&1 &
  else
    url="ws://127.0.0.1:$http/live"
    PORT=$http HOST=127.0.0.1 java ${JAVA_OPTS:-} -jar "$jar" >"$work/$1.log" 2>&1 &
  fi
  pids+=($!); node_pids+=($!)
  watch="${watch:+$watch,}$1=$!"
  for _ in $(seq 300); do
    curl -fs "http://127.0.0.1:$http/readyz" >/dev/null 2>&1 && break
    kill -0 "$!" 2>/dev/null || { echo "$1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1; }
    sleep 0.1
  done
  servers="${servers:+$servers,}$url"
}

if [ "$mode" = redis ]; then
  port=$(free_port)
  while [ "$port" = 6379 ]; do port=$(free_port); done # never the machine's own Redis
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
    --maxmemory-policy noeviction >"$work/redis.log" 2>&1 &
  pids+=($!); redis_pid=$!
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
  export REDIS_URL="redis://127.0.0.1:$port"
  start_node node-a
  start_node node-b
  watch="$watch,redis=$redis_pid"
elif [ "$mode" = cluster ]; then
  # Three masters on free loopback ports, no replicas, AOF off (a benchmark, not a durability test).
  cluster_ports=(); cluster_pids=()
  for i in 1 2 3; do
    p=$(free_port); while [ "$p" = 6379 ]; do p=$(free_port); done
    mkdir -p "$work/c$i"
    # Its own bus port: the default (port + 10000) can lie beyond 65535 for a port the kernel picked.
    redis-server --port "$p" --cluster-port "$(free_port)" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$work/c$i/nodes.conf" \
      --cluster-require-full-coverage no --save "" --appendonly no --dir "$work/c$i" \
      --maxmemory-policy noeviction >"$work/c$i/redis.log" 2>&1 &
    pids+=($!); cluster_pids+=($!); cluster_ports+=("$p")
  done
  for p in "${cluster_ports[@]}"; do
    for _ in $(seq 100); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.05; done
  done
  redis-cli --cluster create $(printf '127.0.0.1:%s ' "${cluster_ports[@]}") --cluster-replicas 0 --cluster-yes \
    >"$work/cluster-create.log" 2>&1 || { echo "could not create the cluster:" >&2; cat "$work"/cluster-create.log "$work"/c*/redis.log >&2; exit 1; }
  for p in "${cluster_ports[@]}"; do
    for _ in $(seq 200); do redis-cli -p "$p" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && break; sleep 0.05; done
  done
  export REDIS_URL="redis-cluster://$(printf '127.0.0.1:%s,' "${cluster_ports[@]}" | sed 's/,$//')"
  start_node node-a
  start_node node-b
  for i in 0 1 2; do watch="$watch,redis-$((i + 1))=${cluster_pids[$i]}"; done
else
  start_node node
fi
echo "mode $mode, servers $servers"

status=0
java ${GEN_OPTS:-} -jar "$gen" --servers="$servers" --areas="$areas" --members="$members" \
  --interval="$interval" --duration="$duration" --warmup="$warmup" \
  --watch="$watch" --clk-tck="$(getconf CLK_TCK)" || status=$?

# Memory after the run, connections still open: the heap as it is, then what a full GC leaves (the
# live set), and the resident size of the whole process.
for p in "${node_pids[@]}"; do
  echo "server pid $p: RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$p/status")"
  jcmd "$p" GC.heap_info | grep -E 'garbage-first heap|total|used' | head -1 | sed 's/^ */  heap now:           /'
  jcmd "$p" GC.run >/dev/null
  jcmd "$p" GC.heap_info | grep -E 'garbage-first heap|total|used' | head -1 | sed 's/^ */  heap after full GC: /'
done
if [ "$mode" = cluster ]; then
  for p in "${cluster_ports[@]}"; do
    echo "redis $p: $(redis-cli -p "$p" info memory | grep -E '^used_memory_human' | tr -d '\r') keys $(redis-cli -p "$p" dbsize)"
  done
fi
if [ "$mode" = redis ]; then
  echo "redis: $(redis-cli -p "$port" info memory | grep -E '^used_memory_human|^used_memory_rss_human' | tr -d '\r' | tr '\n' ' ')"
fi
if grep -qiE 'exception|error' "$work"/node*.log; then
  echo "server log lines with errors (first 5):"; grep -iE 'exception|error' "$work"/node*.log | head -5
fi
exit $status
