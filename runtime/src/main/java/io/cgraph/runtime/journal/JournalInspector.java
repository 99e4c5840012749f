package io.cgraph.runtime.journal;

import io.cgraph.runtime.Failure;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints a cgraph journal, one line per execution, as text or as JSON lines:
 *
 * <pre>
 * java -cp app.jar:cgraph-runtime.jar:... io.cgraph.runtime.journal.JournalInspector [options] journal-dir
 *   --json          JSON lines instead of text
 *   --execution N   only execution number N
 *   --failed        only failed executions
 *   --times         also print when each execution was submitted (and took its result)
 *   --follow        keep printing what is appended, until interrupted (Ctrl-C)
 * </pre>
 *
 * With the generated graph class on the class path, inputs and results are decoded and printed as
 * JSON values; without it, inputs are printed as hex. Sessions (graph instances) are numbered from 1
 * in the order they appear in the journal. Without {@code --follow}, executions with no result come
 * last, marked {@code no-result}.
 */
public final class JournalInspector {
  private static final String USAGE = "usage: JournalInspector [--json] [--execution N] [--failed] [--times]"
      + " [--follow] journal-dir";

  private final PrintStream out;
  private boolean json;
  private boolean failedOnly;
  private boolean times;
  private boolean follow;
  private long execution = -1;
  private final Map<Long, Integer> sessions = new HashMap<>();
  private final Map<String, MethodHandle> decoders = new HashMap<>();

  private JournalInspector(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the inspector with the command line's arguments and exits with its code when that is not 0.
   *
   * @param args the options and the journal directory, as above
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the inspector; returns the exit code (0 success, 2 bad usage). Follows until interrupted.
   *
   * @param args the options and the journal directory, as for {@link #main}
   * @param out where the executions are printed
   * @param err where usage errors are printed
   * @return the exit code: 0 on success, 2 on bad usage
   * @throws io.cgraph.runtime.CGraphException if the directory does not exist or holds a journal this cgraph
   *     cannot read
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    JournalInspector inspector = new JournalInspector(out);
    Path dir = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--json" -> inspector.json = true;
          case "--failed" -> inspector.failedOnly = true;
          case "--times" -> inspector.times = true;
          case "--follow" -> inspector.follow = true;
          case "--execution" -> inspector.execution = Long.parseLong(args[++i]);
          default -> {
            if (args[i].startsWith("--") || dir != null) {
              err.println("unknown argument " + args[i] + "\n" + USAGE);
              return 2;
            }
            dir = Path.of(args[i]);
          }
        }
      }
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      err.println("--execution needs a number\n" + USAGE);
      return 2;
    }
    if (dir == null) {
      err.println(USAGE);
      return 2;
    }
    try (JournalReader reader = JournalReader.open(dir)) {
      inspector.print(reader);
    }
    return 0;
  }

  private void print(JournalReader reader) {
    for (;;) {
      JournalEntry e = reader.poll();
      if (e != null) {
        print(e);
        continue;
      }
      if (!follow) {
        for (JournalEntry pending : reader.incomplete()) {
          print(pending);
        }
        return;
      }
      out.flush();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private void print(JournalEntry e) {
    int session = sessions.computeIfAbsent(e.session(), s -> sessions.size() + 1);
    if ((execution >= 0 && e.execution() != execution) || (failedOnly && !e.failed())) {
      return;
    }
    String status = !e.hasResult() ? "no-result" : e.failed() ? "failed" : "ok";
    Record typed = decode(e);
    String inputs;
    String result = null;
    if (typed != null) {
      RecordComponent[] c = typed.getClass().getRecordComponents();
      StringBuilder b = new StringBuilder("{");
      for (int i = 2; i < c.length - 2; i++) {
        if (i > 2) {
          b.append(',');
        }
        ValueText.quote(b, c[i].getName());
        b.append(':');
        ValueText.append(b, ValueText.component(typed, c[i]));
      }
      inputs = b.append('}').toString();
      if (e.hasResult() && !e.failed()) {
        result = ValueText.json(ValueText.component(typed, c[c.length - 2]));
      }
    } else {
      inputs = ValueText.json(HexFormat.of().formatHex(e.inputBytes()));
    }
    Failure f = e.failure();
    StringBuilder line = new StringBuilder();
    if (json) {
      line.append("{\"graph\":");
      ValueText.quote(line, e.graph());
      line.append(",\"session\":").append(session).append(",\"execution\":").append(e.execution())
          .append(",\"status\":\"").append(status).append('"');
      if (times) {
        line.append(",\"submitted\":\"").append(Instant.ofEpochMilli(e.submitMillis())).append('"');
        if (e.hasResult()) {
          line.append(",\"completed\":\"").append(Instant.ofEpochMilli(e.resultMillis())).append('"');
        }
      }
      line.append(typed != null ? ",\"inputs\":" : ",\"inputBytes\":").append(inputs);
      if (result != null) {
        line.append(",\"result\":").append(result);
      }
      if (f != null) {
        line.append(",\"failure\":{\"actor\":");
        ValueText.quote(line, f.actor());
        line.append(",\"method\":");
        ValueText.quote(line, f.method());
        line.append(",\"class\":");
        ValueText.quote(line, f.className());
        line.append(",\"message\":");
        ValueText.append(line, f.message());
        line.append('}');
      }
      line.append('}');
    } else {
      if (times) {
        line.append(Instant.ofEpochMilli(e.submitMillis())).append(' ');
      }
      line.append(e.graph()).append('[').append(session).append("] #").append(e.execution()).append(' ')
          .append(status).append(typed != null ? " inputs " : " input bytes ").append(inputs);
      if (result != null) {
        line.append(" result ").append(result);
      } else if (f != null) {
        line.append(" failure ").append(f);
      } else if (e.hasResult() && typed == null) {
        line.append(" result (not decoded: ").append(e.graphClass().isEmpty() ? "the journal names no graph class"
            : e.graphClass() + " is not on the class path").append(')');
      }
    }
    out.println(line);
  }

  /** The generated {@code Execution} record, or null when the graph class is not on the class path. */
  private Record decode(JournalEntry e) {
    MethodHandle decoder = decoders.computeIfAbsent(e.graphClass(), JournalInspector::findDecoder);
    if (decoder == NO_DECODER) {
      return null;
    }
    try {
      return (Record) decoder.invoke(e);
    } catch (Throwable t) {
      return null;
    }
  }

  private static final MethodHandle NO_DECODER = MethodHandles.constant(Object.class, null);

  private static MethodHandle findDecoder(String graphClass) {
    if (graphClass.isEmpty()) {
      return NO_DECODER;
    }
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> graph = Class.forName(graphClass, true, loader != null ? loader : JournalInspector.class.getClassLoader());
      Class<?> execution = Class.forName(graphClass + "$Execution", true, graph.getClassLoader());
      return MethodHandles.publicLookup().findStatic(graph, "fromJournal", MethodType.methodType(execution,
          JournalEntry.class));
    } catch (ReflectiveOperationException | LinkageError e) {
      return NO_DECODER;
    }
  }
}
