package io.cgraph.runtime.journal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.JournalOptions;
import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends one graph instance's executions to a Chronicle Queue, on its own thread
 * ({@code cgraph-<GraphClass>-journal}). The driver hands it copies of each execution's encoded
 * inputs (at {@code execute}) and of each result or failure (when the driver takes it from the
 * output channels); actor threads never touch the journal.
 *
 * <p>Back-pressure, never silent loss: when {@link JournalOptions#backlog()} records wait, the
 * driver waits for the journal thread. A record that cannot be appended (an I/O error, or a driver
 * thread interrupted while waiting) is counted in {@link GraphStats.JournalStats#lost()} and logged.
 */
public final class JournalWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime.journal");
  private static final byte[] STOP = new byte[0];

  private final String graph;
  private final JournalOptions options;
  private final long session;
  private final int outputs;
  private final ChronicleQueue queue;
  private final ArrayBlockingQueue<byte[]> backlog;
  private final Thread thread;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  /**
   * Records handed over and not yet appended or counted lost, the one the journal thread holds
   * included (so that pending = 0 means appended + lost is final).
   */
  private final AtomicLong inFlight = new AtomicLong();
  /** The lowest and highest execution numbers of lost records, for the summary at close. */
  private final long[] lostRange = {Long.MAX_VALUE, -1};
  private volatile boolean open = true;
  private int lastCycle = Integer.MIN_VALUE;
  /** The session's HEADER record, appended first and again at the start of each cycle file. */
  private final byte[] header;

  private JournalWriter(String graph, String graphClass, JournalOptions options, int outputs) {
    this.graph = graph;
    this.options = options;
    this.outputs = outputs;
    this.session = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    try {
      Files.createDirectories(options.dir());
    } catch (IOException e) {
      throw new CGraphException(graph + ": cannot create the journal directory " + options.dir() + ": " + e
          + "; choose a writable directory for GraphOptions.withJournal", e);
    }
    this.queue = ChronicleQueue.singleBuilder(options.dir()).rollCycle(options.rollCycle()).build();
    this.backlog = new ArrayBlockingQueue<>(options.backlog());
    this.header = header(graphClass);
    inFlight.incrementAndGet();
    backlog.add(header);
    this.thread = new Thread(this::run, "cgraph-" + graph + "-journal");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Opens the journal of a new graph instance (a new session) and starts its thread.
   *
   * @param graph the generated graph class's simple name, for the thread's name and messages
   * @param graphClass the graph class's qualified name, or {@code null} (journaled as {@code ""})
   * @param options where and how to journal
   * @param outputs how many outputs each result has (one per output channel)
   * @return the writer, its thread started and the session's header handed to it
   * @throws CGraphException if the journal directory cannot be created
   */
  public static JournalWriter open(String graph, String graphClass, JournalOptions options, int outputs) {
    return new JournalWriter(graph, graphClass == null ? "" : graphClass, options, outputs);
  }

  /**
   * The input record of {@code execution}, copied from its encoded inputs now; journal it with {@link #append}.
   *
   * @param execution the execution number
   * @param inputs the writer holding the execution's encoded inputs
   * @return the input record
   */
  public byte[] inputRecord(long execution, SlotWriter inputs) {
    byte[] message = inputs.copyOfMessage();
    ByteBuffer b = record(JournalFormat.INPUT, execution, 4 + message.length);
    b.putInt(message.length).put(message);
    return b.array();
  }

  /**
   * Journals a record made by {@link #inputRecord}.
   *
   * @param record the input record
   */
  public void append(byte[] record) {
    enqueue(record);
  }

  /**
   * Journals the result of {@code execution}, in the output channels' slots; under the driver's pump lock.
   *
   * @param execution the execution number
   * @param slots the output channels' slots holding its values or failures, in output order
   */
  public void result(long execution, SlotReader[] slots) {
    byte[][] messages = new byte[slots.length][];
    int size = 4;
    for (int i = 0; i < slots.length; i++) {
      messages[i] = slots[i].copyOfMessage();
      size += 1 + 4 + messages[i].length;
    }
    ByteBuffer b = record(JournalFormat.RESULT, execution, size);
    b.putInt(slots.length);
    for (int i = 0; i < slots.length; i++) {
      b.put(slots[i].isFailure() ? (byte) 1 : (byte) 0).putInt(messages[i].length).put(messages[i]);
    }
    enqueue(b.array());
  }

  private ByteBuffer record(byte kind, long execution, int payload) {
    ByteBuffer b = ByteBuffer.allocate(JournalFormat.PREFIX + payload).order(ByteOrder.LITTLE_ENDIAN);
    return b.put(kind).putLong(session).putLong(execution).putLong(System.currentTimeMillis());
  }

  private byte[] header(String graphClass) {
    Bytes<?> b = Bytes.allocateElasticOnHeap(128);
    try {
      b.writeByte(JournalFormat.HEADER).writeLong(session).writeLong(-1).writeLong(System.currentTimeMillis());
      b.writeInt(JournalFormat.VERSION).writeUtf8(graph).writeUtf8(graphClass).writeInt(outputs);
      return b.toByteArray();
    } finally {
      b.releaseLast();
    }
  }

  private void enqueue(byte[] record) {
    if (!open) {
      loss(record, "the journal is closed or its thread failed", null);
      return;
    }
    inFlight.incrementAndGet();
    try {
      backlog.put(record);
      if (!open && backlog.remove(record)) {
        // The journal thread failed while this was handed over: it drained the backlog before this arrived.
        loss(record, "the journal thread failed", null);
        inFlight.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loss(record, "the driver thread was interrupted while waiting for the journal thread", e);
      inFlight.decrementAndGet();
    }
  }

  /** Counts one lost record; the log names its execution for the first loss and then every 1000th. */
  private void loss(byte[] record, String why, Throwable cause) {
    long n = lost.incrementAndGet();
    long execution = executionOf(record);
    synchronized (lostRange) {
      if (execution >= 0) {
        lostRange[0] = Math.min(lostRange[0], execution);
        lostRange[1] = Math.max(lostRange[1], execution);
      }
    }
    if (n == 1 || n % 1000 == 0) {
      LOG.log(System.Logger.Level.ERROR, graph + ": journal record of " + describe(record) + " lost (" + n
          + " so far) because " + why + "; the journal in " + options.dir() + " is incomplete", cause);
    }
  }

  /** The execution a record belongs to (-1 for the session header), from its prefix. */
  private static long executionOf(byte[] record) {
    if (record == null || record.length < 17) {
      return -1;
    }
    return ByteBuffer.wrap(record, 9, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static String describe(byte[] record) {
    long e = executionOf(record);
    return e < 0 ? "the session header" : (record[0] == JournalFormat.INPUT ? "the inputs" : "the result")
        + " of execution #" + e;
  }

  private void run() {
    byte[] record = null;
    try (ExcerptAppender appender = queue.createAppender()) {
      for (;;) {
        record = null;
        record = backlog.take();
        if (record == STOP) {
          return;
        }
        try {
          try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(record);
          }
          appended.incrementAndGet();
          inFlight.decrementAndGet();
          boolean cycleHeaderNeeded = record != header;
          record = null; // counted: whatever fails below is not this record's loss
          int cycle = appender.cycle();
          if (cycle != lastCycle) {
            if (lastCycle != Integer.MIN_VALUE && cycleHeaderNeeded) {
              // A new cycle file: repeat the header, so that it stays readable when retention deletes older files.
              try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().write(header);
              }
              appended.incrementAndGet();
            }
            applyRetention(cycle);
          }
        } catch (RuntimeException e) {
          if (record != null) {
            loss(record, "appending to the Chronicle Queue failed: " + e, e);
            inFlight.decrementAndGet();
            record = null;
          } else {
            LOG.log(System.Logger.Level.WARNING, graph + ": repeating the journal header in a new cycle file failed", e);
          }
        }
      }
    } catch (InterruptedException e) {
      // Only close() interrupts this thread (when the backlog stayed full for 30 s): what is left is lost, counted.
      open = false;
      loseBacklog("the journal closed before it was appended");
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.log(System.Logger.Level.ERROR, graph + ": the journal thread failed (a full disk shows as an"
          + " InternalError from a memory access); later records are lost and counted", e);
      open = false;
      if (record != null && record != STOP) {
        loss(record, "the journal thread failed while appending it: " + e, null); // the one in hand counts too
        inFlight.decrementAndGet();
      }
      loseBacklog("the journal thread failed: " + e);
    }
  }

  /** Counts every record still in the backlog as lost, for {@code why}. */
  private void loseBacklog(String why) {
    for (byte[] r; (r = backlog.poll()) != null; ) {
      if (r != STOP) {
        loss(r, why, null);
        inFlight.decrementAndGet();
      }
    }
  }

  /** After a roll to a new cycle file: deletes the oldest cycle files beyond the retention. */
  private void applyRetention(int cycle) {
    lastCycle = cycle;
    int keep = options.retainedCycles();
    if (keep == 0) {
      return;
    }
    try (Stream<Path> files = Files.list(options.dir())) {
      List<Path> cycles = files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted()
          .collect(Collectors.toList());
      for (int i = 0; i < cycles.size() - keep; i++) {
        Files.deleteIfExists(cycles.get(i));
        LOG.log(System.Logger.Level.DEBUG, graph + ": journal retention deleted " + cycles.get(i));
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, graph + ": journal retention could not delete old cycle files in "
          + options.dir(), e);
    }
  }

  /**
   * The journal's counters, for {@code stats()}.
   *
   * @return the appended, pending and lost record counts now
   */
  public GraphStats.JournalStats stats() {
    return new GraphStats.JournalStats(appended.get(), inFlight.get(), lost.get());
  }

  /**
   * Appends every record already handed over, then closes the queue. Called by the graph's close,
   * after the driver and the actors have stopped.
   */
  @Override
  public void close() {
    open = false;
    try {
      if (thread.isAlive() && !backlog.offer(STOP, 30, TimeUnit.SECONDS)) {
        thread.interrupt();
      }
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.log(System.Logger.Level.WARNING, graph + ": the journal thread did not finish within 30 s; closing the"
          + " queue anyway (" + backlog.size() + " records not appended, counted lost)");
      thread.interrupt();
    }
    loseBacklog("the journal closed before it was appended"); // none when the thread finished
    queue.close();
    long n = lost.get();
    if (n > 0) {
      synchronized (lostRange) {
        LOG.log(System.Logger.Level.ERROR, graph + ": " + n + " journal records were lost"
            + (lostRange[1] < 0 ? "" : ", of executions #" + lostRange[0] + " to #" + lostRange[1])
            + "; the journal in " + options.dir() + " is incomplete");
      }
    }
  }
}
