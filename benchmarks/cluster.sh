#!/usr/bin/env bash
# The cross-host benchmarks: three "hosts" on this machine, each a network namespace with its own
# /dev/shm, joined by a bridge. Host 1 runs the driver (the JMH run), host 2 agent h1 and the raw
# Aeron pong, host 3 agent h2. Needs root and iproute2. Run it alone: the hosts share the CPUs.
#
#   benchmarks/cluster.sh [--quick] [--no-build] [--idle BUSY_SPIN|YIELDING|BACKOFF] [--inline] [--no-assist]
#
#   --inline     the agents run their actors on their data thread (--actors-on-data-thread true)
#   --no-assist  waiting threads leave the data path to the data thread (waitersRunDataPath(false),
#                --waiters-run-data-path false): every message is handed between threads on each host
#
# Environment, for experiments: ONLY (a regex after io.cgraph.benchmarks.cluster.: those benchmarks
# only, no idle-CPU run), CGRAPH_BENCH_PARAM (name=value: one value of a JMH parameter),
# CGRAPH_BENCH_FORK_ARGS (JVM options of the benchmark forks, e.g. a JFR recording).
#
# Writes benchmarks/results/cluster[-<idle>][-inline][-noassist].md (ratios within the run; no idle suffix for
# BACKOFF) and prints RESULT lines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build=1; quick=(); idle=BACKOFF; inline=false; assist=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --quick) quick=(--quick) ;;
    --idle) idle="$2"; shift ;;
    --inline) inline=true ;;
    --no-assist) assist=false ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$(id -u)" == 0 ]] && command -v ip >/dev/null || { echo "needs root and iproute2 (ip netns)" >&2; exit 2; }
if [[ $build == 1 ]]; then
  "${MVN:-mvn}" -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
fi
jar="$root/benchmarks/target/benchmarks.jar"
flags="$(sed -n 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml)"
java="${JAVA:-java}"
# shellcheck source=../scripts/lan.sh
. "$root/scripts/lan.sh"
tag="cgb$$"; prefix=10.215.0
ip_of() { lan_ip "$prefix" "$1"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  lan_down "$tag" 3
}
trap cleanup EXIT
lan_up "$tag" "$prefix" 3
on() { local ns="$1"; shift; lan_on "$ns" 1g "$@"; }
seed="$(ip_of 2):2552"
logs="$(mktemp -d)"
# shellcheck disable=SC2086
on "$tag-2" "$java" $flags -cp "$jar" io.cgraph.cluster.HostAgent --name h1 --bind "$seed" --seed "$seed" \
  --data-idle "$idle" --actors-on-data-thread "$inline" --waiters-run-data-path "$assist" >"$logs/h1.log" 2>&1 & pids+=($!)
# shellcheck disable=SC2086
on "$tag-3" "$java" $flags -cp "$jar" io.cgraph.cluster.HostAgent --name h2 --bind "$(ip_of 3):2552" \
  --seed "$seed" --data-idle "$idle" --actors-on-data-thread "$inline" --waiters-run-data-path "$assist" >"$logs/h2.log" 2>&1 & pids+=($!)
# shellcheck disable=SC2086
on "$tag-2" "$java" $flags -cp "$jar" io.cgraph.benchmarks.cluster.AeronPong "$(ip_of 2):25800" \
  "$(ip_of 1):25700" "$idle" shared >"$logs/pong.log" 2>&1 & pids+=($!)
# shellcheck disable=SC2086
on "$tag-2" "$java" $flags -cp "$jar" io.cgraph.benchmarks.cluster.AeronPong "$(ip_of 2):25801" \
  "$(ip_of 1):25701" "$idle" invoker >"$logs/pong2.log" 2>&1 & pids+=($!)
for f in h1 h2 pong pong2; do
  for _ in $(seq 1 240); do grep -q " up" "$logs/$f.log" && break; sleep 0.5; done
  grep -q " up" "$logs/$f.log" || { cat "$logs/$f.log"; echo "$f did not start" >&2; exit 1; }
done
props="-Dcgraph.bench.self=$(ip_of 1) -Dcgraph.bench.seed=$seed -Dcgraph.bench.pong=$(ip_of 2):25800 -Dcgraph.bench.idle=$idle -Dcgraph.bench.assist=$assist"
echo "== idle cost of a host agent (data idle $idle)"
# shellcheck disable=SC2086
idle_out=""
[[ -z ${ONLY:-} ]] && idle_out="$( (on "$tag-1" "$java" $flags $props -cp "$jar" io.cgraph.benchmarks.cluster.ClusterIdle) | grep '^RESULT' || true)"
echo "$idle_out"
commit="$(git describe --always --dirty 2>/dev/null || echo unknown)"
extra="Idle host agent (CPU of one core, over 10 s): $(echo "$idle_out" | awk '{printf "%s %s%%; ", $3, $5}')"
extra+=" Agents' actors on their data thread: $inline. Waiting threads run the data path: $assist."
out="$root/benchmarks/results/cluster"
[[ $idle != BACKOFF ]] && out+="-$(echo "$idle" | tr 'A-Z_' 'a-z-')"
[[ $inline == true ]] && out+="-inline"
[[ $assist == false ]] && out+="-noassist"
out+=".md"
# shellcheck disable=SC2086
(on "$tag-1" "$java" $flags $props -cp "$jar" io.cgraph.benchmarks.cluster.ClusterSuite "${quick[@]}" ${ONLY:+--only "$ONLY"} \
  --out "$out" --commit "$commit" --extra "$extra")
