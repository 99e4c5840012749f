package io.cgraph.cluster;

import io.cgraph.runtime.internal.OffHost;
import java.util.Optional;

/** An actor created on a host agent ({@link CGraphCluster#spawn}). */
final class RemoteHostActor<T> implements OffHost.Actor<T> {
  private final Class<T> type;
  final CGraphCluster.Host host;
  final long id;
  private final CGraphCluster cluster;

  RemoteHostActor(Class<T> type, CGraphCluster.Host host, long id, CGraphCluster cluster) {
    this.type = type;
    this.host = host;
    this.id = id;
    this.cluster = cluster;
  }

  @Override
  public Class<T> actorClass() {
    return type;
  }

  @Override
  public String workerName() {
    return host.info.name();
  }

  @Override
  public Optional<ProcessHandle> workerProcess() {
    return Optional.empty();
  }

  @Override
  public OffHost.Cluster cluster() {
    return cluster;
  }

  @Override
  public String toString() {
    return type.getName() + " #" + Long.toHexString(id) + " on " + host.info;
  }
}
