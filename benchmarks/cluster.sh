#!/usr/bin/env bash
# The cross-host benchmarks: three "hosts" on this machine, each a network namespace with its own
# /dev/shm, joined by a bridge. Host 1 runs the driver (the JMH run), host 2 agent h1 and the raw
# Aeron pong, host 3 agent h2. Needs root and iproute2. Run it alone: the hosts share the CPUs.
#
#   benchmarks/cluster.sh [--quick] [--no-build] [--idle BUSY_SPIN|YIELDING|BACKOFF] [--inline]
#
#   --inline    the agents run their actors on their data thread (--actors-on-data-thread true)
#
# Writes benchmarks/results/cluster[-<idle>][-inline].md (ratios within the run; no idle suffix for
# BACKOFF) and prints RESULT lines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build=1; quick=(); idle=BACKOFF; inline=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --quick) quick=(--quick) ;;
    --idle) idle="$2"; shift ;;
    --inline) inline=true ;;
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
tag="cgb$$"; hub="$tag-hub"
ip_of() { echo "10.215.0.$(( $1 + 1 ))"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for i in 1 2 3; do
    ip netns pids "$tag-$i" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$tag-$i" 2>/dev/null || true
  done
  ip netns del "$hub" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$hub"
ip netns exec "$hub" ip link add br0 type bridge
ip netns exec "$hub" ip link set br0 up
for i in 1 2 3; do
  ip netns add "$tag-$i"
  ip link add "${tag}v$i" type veth peer name "${tag}h$i"
  ip link set "${tag}v$i" netns "$tag-$i"
  ip link set "${tag}h$i" netns "$hub"
  ip netns exec "$hub" ip link set "${tag}h$i" master br0 up
  ip netns exec "$tag-$i" ip addr add "$(ip_of "$i")/24" dev "${tag}v$i"
  ip netns exec "$tag-$i" ip link set "${tag}v$i" up
  ip netns exec "$tag-$i" ip link set lo up
done
on() { local ns="$1"; shift; exec ip netns exec "$ns" unshare -m --propagation private sh -c \
  'mount -t tmpfs -o size=1g,mode=1777 tmpfs /dev/shm && exec "$@"' sh "$@"; }
seed="$(ip_of 2):2552"
logs="$(mktemp -d)"
# shellcheck disable=SC2086
on "$tag-2" "$java" $flags -cp "$jar" io.cgraph.cluster.HostAgent --name h1 --bind "$seed" --seed "$seed" \
  --data-idle "$idle" --actors-on-data-thread "$inline" >"$logs/h1.log" 2>&1 & pids+=($!)
# shellcheck disable=SC2086
on "$tag-3" "$java" $flags -cp "$jar" io.cgraph.cluster.HostAgent --name h2 --bind "$(ip_of 3):2552" \
  --seed "$seed" --data-idle "$idle" --actors-on-data-thread "$inline" >"$logs/h2.log" 2>&1 & pids+=($!)
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
props="-Dcgraph.bench.self=$(ip_of 1) -Dcgraph.bench.seed=$seed -Dcgraph.bench.pong=$(ip_of 2):25800 -Dcgraph.bench.idle=$idle"
echo "== idle cost of a host agent (data idle $idle)"
# shellcheck disable=SC2086
idle_out="$( (on "$tag-1" "$java" $flags $props -cp "$jar" io.cgraph.benchmarks.cluster.ClusterIdle) | grep '^RESULT' || true)"
echo "$idle_out"
commit="$(git describe --always --dirty 2>/dev/null || echo unknown)"
extra="Idle host agent (CPU of one core, over 10 s): $(echo "$idle_out" | awk '{printf "%s %s%%; ", $3, $5}')"
extra+=" Agents' actors on their data thread: $inline."
out="$root/benchmarks/results/cluster"
[[ $idle != BACKOFF ]] && out+="-$(echo "$idle" | tr 'A-Z_' 'a-z-')"
[[ $inline == true ]] && out+="-inline"
out+=".md"
# shellcheck disable=SC2086
(on "$tag-1" "$java" $flags $props -cp "$jar" io.cgraph.benchmarks.cluster.ClusterSuite "${quick[@]}" \
  --out "$out" --commit "$commit" --extra "$extra")
