package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.RemoteActor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The processes behind {@code io.cgraph.runtime.Workers}: started on demand, ended at close or JVM exit. */
public final class WorkerPool {
  private static final Set<WorkerPool> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK = new AtomicBoolean();
  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final WorkerProcess.Launch launch;
  private final WorkerProcess[] workers;
  private boolean closed;

  public WorkerPool(int count, String name, WorkerProcess.Launch launch) {
    this.name = name;
    this.launch = launch;
    this.workers = new WorkerProcess[count];
  }

  public int size() {
    return workers.length;
  }

  public String name(int worker) {
    return name + "-" + worker;
  }

  public synchronized Optional<ProcessHandle> process(int worker) {
    return Optional.ofNullable(workers[worker]).map(WorkerProcess::process);
  }

  /** Creates the actor in worker {@code worker}, starting it (again, if its process died) first. */
  public <T> RemoteActor<T> spawn(int worker, Class<T> type, Object[] args) {
    return running(worker).spawn(type, args, SPAWN_TIMEOUT);
  }

  private synchronized WorkerProcess running(int worker) {
    if (closed) {
      throw new CGraphException(this + " is closed; create new Workers to spawn more actors");
    }
    WorkerProcess w = workers[worker];
    if (w == null || !w.isAlive()) {
      if (HOOK.compareAndSet(false, true)) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          for (WorkerPool p : OPEN) {
            p.close();
          }
        }, "cgraph-workers-shutdown"));
      }
      OPEN.add(this);
      w = WorkerProcess.start(name(worker), launch);
      workers[worker] = w;
    }
    return w;
  }

  public void close() {
    List<WorkerProcess> started = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      OPEN.remove(this);
      for (WorkerProcess w : workers) {
        if (w != null) {
          started.add(w);
        }
      }
    }
    for (WorkerProcess w : started) {
      w.shutdown(Duration.ofSeconds(5));
    }
  }

  @Override
  public String toString() {
    return "Workers[" + name + ", " + workers.length + "]";
  }
}
