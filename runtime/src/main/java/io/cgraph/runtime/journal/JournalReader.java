package io.cgraph.runtime.journal;

import io.cgraph.runtime.CGraphException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a journal written by a graph with {@code GraphOptions.withJournal}: one {@link JournalEntry}
 * per execution, pairing its inputs with its result. Entries come in the order their results were
 * journaled (execution order, per session); executions whose result is not in the journal come
 * last, from {@link #incomplete()}. Works on a journal that is still being written (and on one whose
 * writer was killed): {@link #poll()} returns {@code null} at the current end, and a later call sees
 * what was appended since.
 *
 * <p>Generated graph classes offer the typed form: {@code XGraph.readJournal(dir)} streams
 * {@code XGraph.Execution} records.
 */
public final class JournalReader implements AutoCloseable {
  private record Header(String graph, String graphClass, int outputs) {}

  private record Input(long submitMillis, byte[] bytes) {}

  private record Key(long session, long execution) {}

  private final Path dir;
  private final ChronicleQueue queue;
  private final ExcerptTailer tailer;
  private final Map<Long, Header> sessions = new HashMap<>();
  private final Map<Key, Input> waiting = new LinkedHashMap<>();

  private JournalReader(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CGraphException("no journal at " + dir + ": the directory does not exist");
    }
    this.dir = dir;
    this.queue = ChronicleQueue.singleBuilder(dir).readOnly(Files.exists(dir.resolve("metadata.cq4t"))).build();
    this.tailer = queue.createTailer();
    if (queue instanceof SingleChronicleQueue single) {
      // Retention deletes old cycle files behind the queue's back, and the queue's listing still
      // names the first cycle it wrote: start at the first cycle whose file exists.
      single.refreshDirectoryListing();
      for (int c = single.firstCycle(), last = single.lastCycle(); c >= 0 && c <= last; c++) {
        if (tailer.moveToCycle(c)) {
          break;
        }
      }
    }
  }

  /**
   * Opens the journal in {@code dir} at its start.
   *
   * @param dir the journal's Chronicle Queue directory
   * @return a reader at the journal's first record; close it to close the journal
   * @throws CGraphException if {@code dir} does not exist
   */
  public static JournalReader open(Path dir) {
    return new JournalReader(dir);
  }

  /**
   * Every execution in the journal in {@code dir}, decoded by {@code decoder}, up to its current end:
   * completed ones first, then those without a result. Close the stream (try-with-resources) to
   * close the journal.
   *
   * @param <E> the type of the decoded executions
   * @param dir the journal's Chronicle Queue directory
   * @param decoder turns each entry into an {@code E}, e.g. a generated graph class's {@code fromJournal}
   * @return the decoded executions, in that order
   * @throws CGraphException if {@code dir} does not exist
   */
  public static <E> Stream<E> stream(Path dir, Function<JournalEntry, E> decoder) {
    JournalReader reader = open(dir);
    Iterator<JournalEntry> entries = new Iterator<>() {
      private JournalEntry next;
      private ArrayDeque<JournalEntry> rest;

      @Override
      public boolean hasNext() {
        if (next == null && rest == null) {
          next = reader.poll();
          if (next == null) {
            rest = new ArrayDeque<>(reader.incomplete());
          }
        }
        return next != null || !rest.isEmpty();
      }

      @Override
      public JournalEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (next != null) {
          JournalEntry e = next;
          next = null;
          return e;
        }
        return rest.poll();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL),
        false).map(decoder).onClose(reader::close);
  }

  /**
   * The next execution whose result is journaled, or {@code null} when the journal holds no more
   * (yet). Inputs read on the way are kept until their result comes.
   *
   * @return the next entry with a result, or {@code null} at the journal's current end
   * @throws CGraphException if the journal has an unsupported format version or a record that is not cgraph's
   */
  public JournalEntry poll() {
    for (;;) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent()) {
          return null;
        }
        JournalEntry e = read(dc.wire().bytes());
        if (e != null) {
          return e;
        }
      }
    }
  }

  /**
   * Executions whose inputs are journaled but whose result is not (so far), in journal order.
   *
   * @return a new list of entries without a result, from the records read so far
   */
  public java.util.List<JournalEntry> incomplete() {
    java.util.List<JournalEntry> list = new java.util.ArrayList<>(waiting.size());
    for (Map.Entry<Key, Input> w : waiting.entrySet()) {
      Header h = header(w.getKey().session());
      list.add(new JournalEntry(h.graph(), h.graphClass(), w.getKey().session(), w.getKey().execution(),
          w.getValue().submitMillis(), -1, w.getValue().bytes(), null, null));
    }
    return list;
  }

  private JournalEntry read(Bytes<?> b) {
    byte kind = b.readByte();
    long session = b.readLong();
    long execution = b.readLong();
    long millis = b.readLong();
    switch (kind) {
      case JournalFormat.HEADER -> {
        int version = b.readInt();
        if (version != JournalFormat.VERSION) {
          throw new CGraphException("journal " + dir + ": format version " + version + " is not supported (this"
              + " cgraph reads version " + JournalFormat.VERSION + ")");
        }
        String graph = b.readUtf8();
        String graphClass = b.readUtf8();
        sessions.put(session, new Header(graph, graphClass, b.readInt()));
        return null;
      }
      case JournalFormat.INPUT -> {
        byte[] input = new byte[b.readInt()];
        b.read(input);
        waiting.put(new Key(session, execution), new Input(millis, input));
        return null;
      }
      case JournalFormat.RESULT -> {
        int n = b.readInt();
        byte[][] outputs = new byte[n][];
        boolean[] failed = new boolean[n];
        for (int i = 0; i < n; i++) {
          failed[i] = b.readByte() != 0;
          outputs[i] = new byte[b.readInt()];
          b.read(outputs[i]);
        }
        Input in = waiting.remove(new Key(session, execution));
        if (in == null) {
          return null; // its input lies in a cycle file deleted by retention
        }
        Header h = header(session);
        return new JournalEntry(h.graph(), h.graphClass(), session, execution, in.submitMillis(), millis, in.bytes(),
            outputs, failed);
      }
      default -> throw new CGraphException("journal " + dir + ": unknown record kind " + kind
          + " at index " + Long.toHexString(tailer.index()) + "; is this a cgraph journal?");
    }
  }

  private Header header(long session) {
    Header h = sessions.get(session);
    return h != null ? h : new Header("?", "", -1);
  }

  @Override
  public void close() {
    tailer.close();
    queue.close();
  }
}
