package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.WaitStrategy;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a worker process ({@code io.cgraph.runtime.Workers}): creates actors from
 * their class and constructor arguments, and runs their graph steps on channels that the driver
 * created, as the driver asks over stdin (see {@link WorkerProtocol}). It exits when its stdin
 * closes or its driver process is gone, so a driver killed with {@code kill -9} leaves no worker.
 *
 * <p>Arguments: the worker's name, the driver's pid.
 */
public final class WorkerMain {
  private static final long DRIVER_CHECK_MILLIS = 200;

  private final String name;
  private final OutputStream control = new FileOutputStream(FileDescriptor.out);
  private final Map<Long, Object> actors = new ConcurrentHashMap<>();
  private final Map<Long, HostedGraph> graphs = new ConcurrentHashMap<>();

  private WorkerMain(String name) {
    this.name = name;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: WorkerMain <worker name> <driver pid>; started by io.cgraph.runtime.Workers");
      System.exit(2);
    }
    long driverPid = Long.parseLong(args[1]);
    WorkerMain worker = new WorkerMain(args[0]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    System.setIn(new ByteArrayInputStream(new byte[0])); // stdin is the control pipe, not the actors'
    watchDriver(driverPid);
    worker.send(WorkerProtocol.READY, 0, out -> out.writeLong(ProcessHandle.current().pid()));
    for (String line; (line = in.readLine()) != null; ) {
      int at = line.indexOf(WorkerProtocol.MARK);
      if (at >= 0) {
        worker.handle(line.substring(at + WorkerProtocol.MARK.length()));
      }
    }
    // stdin closed: the driver closed us or died.
    Runtime.getRuntime().halt(0);
  }

  /** Halts this worker once the driver process is gone (a backstop to stdin's end of file). */
  private static void watchDriver(long driverPid) {
    Thread t = new Thread(() -> {
      for (;;) {
        if (ProcessHandle.of(driverPid).map(ProcessHandle::isAlive).orElse(false)
            && ProcessHandle.current().parent().map(p -> p.pid() == driverPid).orElse(false)) {
          try {
            Thread.sleep(DRIVER_CHECK_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        } else {
          Runtime.getRuntime().halt(0);
        }
      }
    }, "cgraph-worker-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private void handle(String body) throws IOException {
    DataInputStream in = WorkerProtocol.parse(body);
    int type = in.readInt();
    long request = in.readLong();
    try {
      switch (type) {
        case WorkerProtocol.SPAWN -> spawn(in);
        case WorkerProtocol.ATTACH -> attach(in);
        case WorkerProtocol.DETACH -> {
          long graphId = in.readLong();
          long teardownMillis = in.readLong();
          // Detach off the control thread: a stuck actor must not block other graphs' requests.
          Thread t = new Thread(() -> {
            boolean stopped = detach(graphId, teardownMillis);
            send(WorkerProtocol.OK, request, out -> out.writeBoolean(stopped));
          }, "cgraph-worker-detach-" + graphId);
          t.setDaemon(true);
          t.start();
          return;
        }
        case WorkerProtocol.STATS -> {
          HostedGraph g = graphs.get(in.readLong());
          send(WorkerProtocol.OK, request, out -> {
            if (g == null) {
              out.writeInt(0);
            } else {
              g.writeCounters(out);
            }
          });
          return;
        }
        case WorkerProtocol.SHUTDOWN -> {
          for (Long g : List.copyOf(graphs.keySet())) {
            detach(g, 1000);
          }
          send(WorkerProtocol.OK, request, out -> { });
          Runtime.getRuntime().halt(0);
        }
        default -> throw new CGraphException("unknown control message " + type);
      }
      send(WorkerProtocol.OK, request, out -> { });
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
      send(WorkerProtocol.ERROR, request, out -> WorkerProtocol.writeThrowable(out, cause));
    }
  }

  private void spawn(DataInputStream in) throws Exception {
    long id = in.readLong();
    actors.put(id, WorkerProtocol.construct(in, WorkerMain.class.getClassLoader()));
  }

  private void attach(DataInputStream in) throws Throwable {
    long graphId = in.readLong();
    String graphClass = in.readUTF();
    Path dir = Path.of(in.readUTF());
    int actor = in.readInt();
    long actorId = in.readLong();
    GraphSpec spec = WorkerProtocol.readSpec(in);
    String[] stems = new String[in.readInt()];
    for (int i = 0; i < stems.length; i++) {
      stems[i] = in.readUTF();
    }
    WaitStrategy wait = WorkerProtocol.readWait(in);
    int maxMessage = in.readInt();
    Object instance = actors.get(actorId);
    if (instance == null) {
      throw new CGraphException(name + " holds no actor #" + actorId);
    }
    ChannelDirs.checkOwnedByMe(dir);
    Class<?> graph = WorkerProtocol.load(graphClass, WorkerMain.class.getClassLoader());
    HostedGraph g = graphs.computeIfAbsent(graphId, k -> new HostedGraph(spec, wait,
        "worker " + name + ", pid " + ProcessHandle.current().pid(),
        (what, e) -> send(WorkerProtocol.ACTOR_DIED, graphId, out -> {
          out.writeUTF(what);
          WorkerProtocol.writeThrowable(out, e);
        })));
    for (int c = 0; c < spec.channelCount(); c++) {
      if (spec.channel(c).writer() == actor || spec.readerIndex(c, actor) >= 0) {
        g.openChannel(c, dir, stems[c]);
      }
    }
    g.startActor(actor, instance, graph, maxMessage);
  }

  /** Stops the graph's actor threads and unmaps its channels; false if a thread did not stop in time. */
  private boolean detach(long graphId, long teardownMillis) {
    HostedGraph g = graphs.remove(graphId);
    return g == null || g.stop(TimeUnit.MILLISECONDS.toNanos(teardownMillis));
  }

  private void send(int type, long request, WorkerProtocol.Body body) {
    byte[] line = WorkerProtocol.line(type, request, body);
    synchronized (control) {
      try {
        control.write(line);
        control.flush();
      } catch (IOException e) {
        Runtime.getRuntime().halt(0); // the driver is gone
      }
    }
  }
}
