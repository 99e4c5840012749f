package io.cgraph.runtime;

import io.cgraph.runtime.internal.WorkerPool;
import io.cgraph.runtime.internal.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Worker processes on this host for actors of compiled graphs: each is a JVM started from this
 * one (same {@code java}, class path and JVM flags), and a graph's channels are files mapped by
 * both sides, so the hot path is the same as in one JVM (DESIGN.md section 7).
 *
 * <pre>{@code
 * try (Workers workers = Workers.create(2)) {
 *   RemoteActor<Model> model = workers.spawn(Model.class, weights);     // created in worker 0
 *   try (ScoringGraph g = ScoringGraph.compile(Placement.local(new Tokenizer()), model,
 *       GraphOptions.defaults())) {
 *     float s = g.execute("some text").get();
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Creating actors.</b> {@link #spawn} creates an actor in a worker from its class and
 *       constructor arguments (Ray's {@code Actor.remote(args)}): the class must be public and
 *       concrete, with exactly one public constructor that accepts the arguments. Arguments must be
 *       <em>transferable</em> values, the same rule as graph values: primitives' boxes,
 *       {@code String}, enums, primitive arrays, records of transferable values, {@code List}s of
 *       them, {@code ByteBuffer}, or {@code null}. They are copied; the actor lives in the worker,
 *       and its state is not visible from this JVM.
 *   <li><b>Lifecycle.</b> A worker process starts on demand, at the first spawn on it, and exits
 *       when this {@code Workers} closes, when this JVM exits, or when this JVM dies (even by
 *       {@code kill -9}: the worker sees its control pipe close, and checks its parent, so no
 *       orphan is left). Its stdout and stderr go to this JVM's log, logger
 *       {@code io.cgraph.runtime.worker}, each line prefixed with the worker's name and pid.
 *   <li><b>Faults.</b> If a worker process dies, every graph with an actor in it breaks at once:
 *       pending and later calls throw {@link GraphBrokenException} naming the worker, and the graph's
 *       other actors are released; {@code close()} still cleans up. A graph's {@code close()} kills
 *       a worker that does not stop its actors within the teardown timeout. An exception thrown by a
 *       remote actor method is reported exactly as in one JVM ({@link ActorTaskException}).
 *   <li><b>Security.</b> Channel directories are 0700 and files 0600; a worker refuses a channel
 *       directory that its user does not own or that others may access. Control goes over the
 *       worker's stdin and stdout: no network listener.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Workers implements AutoCloseable {
  private final WorkerPool pool;
  private int next;

  private Workers(WorkerPool pool) {
    this.pool = pool;
  }

  /**
   * {@code count} workers named {@code cgraph-worker-0...}, with the default options; none starts yet.
   *
   * @param count the number of worker processes; at least 1
   * @return the workers, none started
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public static Workers create(int count) {
    return builder().count(count).build();
  }

  /**
   * Options for a set of workers.
   *
   * @return a builder with the defaults: one worker, this JVM's {@code java} and class path
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates an actor of {@code actorClass} in the next worker (round robin), starting that worker
   * if needed, and returns its handle for a generated {@code compile(Placement...)}. Throws
   * {@code IllegalArgumentException} for a non-transferable argument or when no single public
   * constructor accepts the arguments, and {@link CGraphException} if the constructor throws in the
   * worker (its cause carries the remote class, message and stack) or the worker cannot start.
   *
   * @param <T> the actor's type
   * @param actorClass the actor's class: public, concrete, annotated {@code @Actor}
   * @param args the constructor's arguments, each transferable
   * @return the handle to place the actor in a graph
   * @throws IllegalArgumentException if an argument is not transferable or no single public constructor accepts them
   * @throws CGraphException if the worker cannot start or the constructor throws there
   */
  public <T> RemoteActor<T> spawn(Class<T> actorClass, Object... args) {
    int w;
    synchronized (this) {
      w = next;
      next = (next + 1) % pool.size();
    }
    return spawnOn(w, actorClass, args);
  }

  /**
   * As {@link #spawn}, in worker number {@code worker} (0-based).
   *
   * @param <T> the actor's type
   * @param worker the worker's number, 0-based
   * @param actorClass the actor's class: public, concrete, annotated {@code @Actor}
   * @param args the constructor's arguments, each transferable
   * @return the handle to place the actor in a graph
   * @throws IndexOutOfBoundsException if there is no worker {@code worker}
   * @throws IllegalArgumentException if an argument is not transferable or no single public constructor accepts them
   * @throws CGraphException if the worker cannot start or the constructor throws there
   */
  public <T> RemoteActor<T> spawnOn(int worker, Class<T> actorClass, Object... args) {
    Objects.requireNonNull(actorClass, "actorClass");
    Objects.checkIndex(worker, pool.size());
    return pool.spawn(worker, actorClass, args == null ? new Object[] {null} : args.clone());
  }

  /**
   * The number of workers.
   *
   * @return the number of worker processes, started or not
   */
  public int size() {
    return pool.size();
  }

  /**
   * Worker {@code worker}'s name.
   *
   * @param worker the worker's number, 0-based
   * @return its name, {@code <name>-<worker>}
   */
  public String name(int worker) {
    return pool.name(worker);
  }

  /**
   * Worker {@code worker}'s latest process, once it has started (also after it exited, to check it is gone).
   *
   * @param worker the worker's number, 0-based
   * @return its process, or empty before it first started
   */
  public Optional<ProcessHandle> process(int worker) {
    return pool.process(worker);
  }

  /**
   * Ends every worker process: each is asked to exit, then killed if it has not within five
   * seconds. Graphs with actors in them break; close those graphs first. Idempotent.
   */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return pool.toString();
  }

  /** Options for {@link Workers}. */
  public static final class Builder {
    private int count = 1;
    private String name = "cgraph-worker";
    private final List<String> jvmOptions = new ArrayList<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private java.nio.file.Path javaExecutable;
    private String classPath;

    private Builder() {}

    /**
     * The {@code java} to start workers with (default: this JVM's, {@code java.home/bin/java}).
     *
     * @param java the {@code java} executable
     * @return this builder
     */
    public Builder javaExecutable(java.nio.file.Path java) {
      this.javaExecutable = Objects.requireNonNull(java, "java");
      return this;
    }

    /**
     * The workers' class path. It must hold cgraph and the actor and graph classes. By default it is
     * this JVM's {@code java.class.path} when cgraph was loaded from it; otherwise (under
     * {@code mvn exec:java}, whose class path is Maven's launcher, or in a container with a class
     * loader of its own) the files of the loaders that loaded the application (the context class
     * loader of the thread that calls {@link #build}) and cgraph, when they are
     * {@code URLClassLoader}s. Set it where neither holds.
     *
     * @param classPath the class path, entries separated by {@code File.pathSeparator}
     * @return this builder
     */
    public Builder classPath(String classPath) {
      this.classPath = Objects.requireNonNull(classPath, "classPath");
      return this;
    }

    /**
     * The number of worker processes (default 1).
     *
     * @param count the number of worker processes; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public Builder count(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
      this.count = count;
      return this;
    }

    /**
     * Worker names are {@code <name>-<index>} (default {@code cgraph-worker}).
     *
     * @param name the names' prefix
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * JVM options added after this JVM's own, for example {@code -Xmx2g}.
     *
     * @param options the options, each one argument of {@code java}
     * @return this builder
     */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /**
     * How long a worker may take to start (default 60 s).
     *
     * @param startTimeout the longest wait for a worker to be ready
     * @return this builder
     */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    /**
     * The workers with these options; none starts until an actor is spawned in it.
     *
     * @return the workers
     */
    public Workers build() {
      WorkerProcess.Launch defaults = WorkerProcess.Launch.of(jvmOptions, startTimeout);
      return new Workers(new WorkerPool(count, name, new WorkerProcess.Launch(
          javaExecutable != null ? javaExecutable : defaults.java(),
          classPath != null ? classPath : defaults.classPath(), jvmOptions, startTimeout)));
    }
  }
}
