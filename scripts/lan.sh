# Hosts on one Linux machine, for the cluster demo and benchmarks: each "host" a network namespace
# with its own /dev/shm, all joined by a bridge in a hub namespace. Source it; needs root and iproute2.
#
#   lan_up TAG PREFIX N     namespaces TAG-1..TAG-N at PREFIX.2 .. PREFIX.(N+1) (/24), hub TAG-hub
#   lan_ip PREFIX I         the address of host I
#   lan_on NS SHM CMD...    runs CMD in namespace NS with a private tmpfs of SHM (e.g. 512m) on /dev/shm
#   lan_down TAG N          kills what still runs in the namespaces and deletes them (idempotent)

lan_ip() { echo "$1.$(( $2 + 1 ))"; }

lan_up() {
  local tag="$1" prefix="$2" n="$3" i
  ip netns add "$tag-hub"
  ip netns exec "$tag-hub" ip link add br0 type bridge
  ip netns exec "$tag-hub" ip link set br0 up
  for i in $(seq 1 "$n"); do
    ip netns add "$tag-$i"
    ip link add "${tag}v$i" type veth peer name "${tag}h$i"
    ip link set "${tag}v$i" netns "$tag-$i"
    ip link set "${tag}h$i" netns "$tag-hub"
    ip netns exec "$tag-hub" ip link set "${tag}h$i" master br0 up
    ip netns exec "$tag-$i" ip addr add "$(lan_ip "$prefix" "$i")/24" dev "${tag}v$i"
    ip netns exec "$tag-$i" ip link set "${tag}v$i" up
    ip netns exec "$tag-$i" ip link set lo up
  done
}

lan_on() {
  local ns="$1" shm="$2"; shift 2
  exec ip netns exec "$ns" unshare -m --propagation private sh -c \
    "mount -t tmpfs -o size=$shm,mode=1777 tmpfs /dev/shm && exec \"\$@\"" sh "$@"
}

lan_down() {
  local tag="$1" n="$2" ns
  for ns in $(seq -f "$tag-%g" 1 "$n") "$tag-hub"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}
