package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.RemoteActorException;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's link to one worker JVM ({@link WorkerMain}): starts it with this JVM's java, class
 * path and JVM flags, sends it control requests over its stdin, reads replies and events from its
 * stdout, and logs the rest of its stdout and stderr under its name (logger
 * {@code io.cgraph.runtime.worker}). When the process exits, every graph that runs an actor there is
 * broken at once, naming the worker.
 */
public final class WorkerProcess {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime.worker");
  private static final AtomicLong NEXT_ACTOR = new AtomicLong(1);

  private final String name;
  private final Process process;
  private final OutputStream toWorker;
  private final AtomicLong nextRequest = new AtomicLong(1);
  private final Map<Long, CompletableFuture<DataInputStream>> pending = new ConcurrentHashMap<>();
  private final Map<Long, RemoteActors> graphs = new ConcurrentHashMap<>();
  private final CompletableFuture<Long> ready = new CompletableFuture<>();
  private volatile String death;
  /** The last lines the worker printed (not control lines). */
  private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();

  private WorkerProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.toWorker = process.getOutputStream();
  }

  /**
   * How worker JVMs start: {@code java} (default: this JVM's), the class path (default: this JVM's;
   * it must hold cgraph and the actor and graph classes), JVM options added after this JVM's own,
   * and how long a worker may take to be ready.
   */
  public record Launch(Path java, String classPath, List<String> jvmOptions, Duration startTimeout) {
    public Launch {
      Objects.requireNonNull(java, "java");
      Objects.requireNonNull(classPath, "classPath");
      jvmOptions = List.copyOf(jvmOptions);
      Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** This JVM's {@code java} and the class path that holds cgraph and the application ({@link #defaultClassPath}). */
    public static Launch of(List<String> jvmOptions, Duration startTimeout) {
      return new Launch(Path.of(System.getProperty("java.home"), "bin", "java"), defaultClassPath(), jvmOptions,
          startTimeout);
    }
  }

  /**
   * Where workers find cgraph and the application: this JVM's {@code java.class.path} when cgraph was
   * loaded from it (the usual case); otherwise (under {@code mvn exec:java}, whose class path is
   * Maven's launcher, or an application server's loader) the files of the class loaders that loaded the
   * application and cgraph: the calling thread's context loader and cgraph's own, with their parents.
   */
  static String defaultClassPath() {
    String own = System.getProperty("java.class.path");
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (WorkerMain.class.getClassLoader() == system) {
      return own;
    }
    java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
    for (ClassLoader start : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
        WorkerMain.class.getClassLoader()}) {
      for (ClassLoader l = start; l != null && l != system && l != ClassLoader.getPlatformClassLoader();
          l = l.getParent()) {
        if (l instanceof java.net.URLClassLoader u) {
          for (java.net.URL url : u.getURLs()) {
            if ("file".equals(url.getProtocol())) {
              try {
                entries.add(Path.of(url.toURI()).toString());
              } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // not a plain file name: the worker cannot use it either
              }
            }
          }
        }
      }
    }
    return entries.isEmpty() ? own : String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * The worker's command line: {@code java}, this JVM's own options (without debugger agents or
   * flight recordings, which would clash), cgraph's JVM options that they lack (a driver started
   * from a fat jar has them from its manifest, which a worker does not read), the extra options,
   * the class path, the main class and its arguments.
   */
  static List<String> command(Launch launch, String name, List<String> ownOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(launch.java().toString());
    for (String arg : ownOptions) {
      if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-Xrunjdwp") && !arg.startsWith("-Xdebug")
          && !arg.contains("FlightRecord") && !arg.startsWith("-XX:Flags=")) {
        cmd.add(arg);
      }
    }
    for (String o : io.cgraph.runtime.JvmOptions.all()) {
      if (!cmd.contains(o)) {
        cmd.add(o);
      }
    }
    cmd.addAll(launch.jvmOptions());
    cmd.add("-cp");
    cmd.add(launch.classPath());
    cmd.add(WorkerMain.class.getName());
    cmd.add(name);
    cmd.add(Long.toString(ProcessHandle.current().pid()));
    return cmd;
  }

  /** Starts worker {@code name} and waits until it is ready. */
  public static WorkerProcess start(String name, Launch launch) {
    List<String> cmd = command(launch, name, ManagementFactory.getRuntimeMXBean().getInputArguments());
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new CGraphException("cannot start worker " + name + " (" + cmd.get(0) + "): " + e, e);
    }
    WorkerProcess w = new WorkerProcess(name, p);
    Thread out = w.pump(p.getInputStream(), "stdout", true);
    Thread err = w.pump(p.getErrorStream(), "stderr", false);
    p.onExit().thenRun(w::exited);
    Duration startTimeout = launch.startTimeout();
    try {
      w.ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      w.kill();
      throw new CGraphException("interrupted while starting worker " + name, e);
    } catch (ExecutionException e) {
      w.kill();
      joinQuietly(out);
      joinQuietly(err);
      throw new CGraphException(w.death + " before it was ready; its last output: " + w.recentOutput()
          + " (command: " + String.join(" ", cmd) + ")", e);
    } catch (TimeoutException e) {
      w.kill();
      throw new CGraphException("worker " + name + " did not start within " + startTimeout + "; its last output: "
          + w.recentOutput(), e);
    }
    return w;
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The worker's last lines of output (stdout and stderr), for an error message. */
  private String recentOutput() {
    synchronized (recent) {
      return recent.isEmpty() ? "(none)" : String.join(" | ", recent);
    }
  }

  /** The worker's name. */
  public String name() {
    return name;
  }

  /** The worker process. */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /** Whether the process is alive. */
  public boolean isAlive() {
    return death == null && process.isAlive();
  }

  /** "worker 'name' (pid n)", and how it exited if it did. */
  String describe() {
    String d = death;
    return d != null ? d : "worker '" + name + "' (pid " + process.pid() + ")";
  }

  /** Creates an actor of {@code type} in the worker; returns its handle. */
  <T> RemoteActorHandle<T> spawn(Class<T> type, Object[] args, Duration timeout) {
    WorkerProtocol.constructorFor(type, args); // fails here, with the candidates, before anything is sent
    long id = NEXT_ACTOR.getAndIncrement();
    call(WorkerProtocol.SPAWN, out -> {
      out.writeLong(id);
      WorkerProtocol.writeConstruction(out, type, args);
    }, TimeUnit.NANOSECONDS.convert(timeout), "create " + type.getName());
    return new RemoteActorHandle<>(type, this, id);
  }

  void register(long graphId, RemoteActors graph) {
    graphs.put(graphId, graph);
  }

  void unregister(long graphId) {
    graphs.remove(graphId);
  }

  /**
   * Sends a request and waits for its reply. Throws {@code CGraphException} if the worker replies
   * with an error (its cause carries the remote class, message and stack), dies, or does not
   * reply within {@code timeoutNanos}.
   */
  DataInputStream call(int type, WorkerProtocol.Body body, long timeoutNanos, String what) {
    CompletableFuture<DataInputStream> reply = request(type, body);
    try {
      return reply.get(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CGraphException("interrupted while waiting for " + describe() + " to " + what, e);
    } catch (TimeoutException e) {
      throw new CGraphException(describe() + " did not " + what + " within " + Duration.ofNanos(timeoutNanos), e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new CGraphException(describe() + " could not " + what + ": "
          + (c instanceof RemoteActorException r ? r.getMessage() : String.valueOf(c)), c);
    }
  }

  /** Sends a request; the future completes with the reply body, or exceptionally on error or death. */
  CompletableFuture<DataInputStream> request(int type, WorkerProtocol.Body body) {
    long id = nextRequest.getAndIncrement();
    CompletableFuture<DataInputStream> reply = new CompletableFuture<>();
    pending.put(id, reply);
    if (death != null) {
      fail(reply, id);
      return reply;
    }
    byte[] line = WorkerProtocol.line(type, id, body);
    try {
      synchronized (toWorker) {
        toWorker.write(line);
        toWorker.flush();
      }
    } catch (IOException e) {
      fail(reply, id);
    }
    return reply;
  }

  private void fail(CompletableFuture<DataInputStream> reply, long id) {
    pending.remove(id);
    reply.completeExceptionally(new CGraphException(describe() + " is not running"));
  }

  /** Kills the process ({@code SIGKILL}) and waits up to five seconds for it to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the worker to exit, waits up to {@code timeout}, then kills it. */
  public void shutdown(Duration timeout) {
    if (process.isAlive()) {
      request(WorkerProtocol.SHUTDOWN, out -> { });
      try {
        toWorker.close();
      } catch (IOException e) {
        // it is exiting anyway
      }
      try {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kill();
  }

  // ---------------------------------------------------------------- output and events

  private Thread pump(InputStream stream, String which, boolean control) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          int at = control ? line.indexOf(WorkerProtocol.MARK) : -1;
          String text = at < 0 ? line : line.substring(0, at);
          if (at != 0) {
            LOG.log(System.Logger.Level.INFO, "[" + name + " pid " + process.pid() + " " + which + "] " + text);
            synchronized (recent) {
              if (recent.size() == 8) {
                recent.removeFirst();
              }
              recent.addLast(text);
            }
          }
          if (at >= 0) {
            onControl(line.substring(at + WorkerProtocol.MARK.length()));
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, name + ": stopped reading its " + which, e);
      }
    }, "cgraph-" + name + "-" + which);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void onControl(String body) throws IOException {
    DataInputStream in = WorkerProtocol.parse(body);
    int type = in.readInt();
    long request = in.readLong();
    switch (type) {
      case WorkerProtocol.READY -> ready.complete(in.readLong());
      case WorkerProtocol.OK -> complete(request, in, null);
      case WorkerProtocol.ERROR -> complete(request, null, WorkerProtocol.readThrowable(in));
      case WorkerProtocol.ACTOR_DIED -> {
        String what = in.readUTF();
        RemoteActorException cause = WorkerProtocol.readThrowable(in);
        RemoteActors g = graphs.get(request);
        if (g != null) {
          g.actorDied(what, cause);
        }
      }
      default -> LOG.log(System.Logger.Level.WARNING, name + " sent an unknown control message " + type);
    }
  }

  private void complete(long request, DataInputStream body, Throwable error) {
    CompletableFuture<DataInputStream> f = pending.remove(request);
    if (f != null) {
      if (error != null) {
        f.completeExceptionally(error);
      } else {
        f.complete(body);
      }
    }
  }

  private void exited() {
    int code = process.exitValue();
    death = "worker '" + name + "' (pid " + process.pid() + ") exited with code " + code
        + (code > 128 ? " (killed by signal " + (code - 128) + (code == 137 ? ", SIGKILL" : "") + ")" : "");
    ready.completeExceptionally(new CGraphException(death));
    for (Long id : Set.copyOf(pending.keySet())) {
      CompletableFuture<DataInputStream> f = pending.remove(id);
      if (f != null) {
        f.completeExceptionally(new CGraphException(death));
      }
    }
    for (RemoteActors g : List.copyOf(graphs.values())) {
      g.workerDied(this);
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
