package io.cgraph.processor;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/** Every naming rule of the generated code, in one place. */
final class Names {
  private Names() {}

  /** The processor's name, as {@code @Generated} records it. */
  static final String GENERATOR = "io.cgraph.processor.GraphProcessor";

  /**
   * The public constant of every generated graph class that holds its {@code @Graph} value of
   * {@code maxInflight}; the misuse checker reads it, also from graph classes compiled earlier.
   */
  static final String MAX_INFLIGHT_FIELD = "MAX_INFLIGHT";

  /** Identifiers generated code declares itself; user names that equal one of them get a suffix. */
  private static final Set<String> RESERVED = Set.of(
      "exec", "ctx", "w", "r", "e", "runtime", "options", "graph", "ref", "value", "outputs",
      "timeout", "SPEC", "DOT", "MAX_INFLIGHT", "Objects", "GraphOptions", "GraphRuntime", "GraphSpec", "Placement",
      // observability: the step's probe, the journal's Execution record and its fixed components
      "probe", "timed", "entry", "dir", "execution", "Execution", "number", "completed", "result", "failure");

  private static final Pattern RESERVED_PATTERN = Pattern.compile("(in|out|r|t|ring)[0-9]+");

  /** {@code scoring} becomes {@code ScoringGraph}; a non-empty {@code @Graph(name)} wins. */
  static String graphClassName(String methodName, String annotationName) {
    if (annotationName != null && !annotationName.isEmpty()) {
      return annotationName;
    }
    return Character.toUpperCase(methodName.charAt(0)) + methodName.substring(1) + "Graph";
  }

  /** Whether {@code name} can name a generated class. */
  static boolean isValidClassName(String name) {
    return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
  }

  /** The resource that holds a graph's DOT text. */
  static String dotResource(String graphClass) {
    return "META-INF/cgraph/" + graphClass + ".dot";
  }

  /** The name of the input channel. */
  static final String INPUT_CHANNEL = "input";

  /**
   * The channel carrying a call's value: {@code actor.method}; the {@code n}th (1-based) call of the
   * same actor method gets {@code actor.method#n} for n > 1.
   */
  static String channelName(String actor, String method, int occurrence) {
    return actor + "." + method + (occurrence > 1 ? "#" + occurrence : "");
  }

  /** Hop {@code hop} of the ring of the collective bound to {@code local}: {@code sum.ring0}. */
  static String ringChannel(String local, int hop) {
    return local + ".ring" + hop;
  }

  /** The {@code Collective} end of a step, for the collective that is node {@code call}. */
  static String collectiveEnd(int call) {
    return "ring" + call;
  }

  /** The nested record of one journaled execution, and its decoder from a raw journal entry. */
  static final String EXECUTION_RECORD = "Execution";

  /** The timestamp variable {@code slot} (0 decode, 1 compute, 2 encode) of an actor's {@code call}th call. */
  static String timestamp(int call, int slot) {
    return "t" + (3 * call + slot);
  }

  /** The static factory method of one actor's step. */
  static String stepMethod(String actorJavaName) {
    return actorJavaName + "Step";
  }

  static String channelReader(int channel) {
    return "in" + channel;
  }

  static String channelWriter(int channel) {
    return "out" + channel;
  }

  /** The SlotReader variable for a channel's slot: {@code r} for the input channel, {@code r<k>} otherwise. */
  static String slotReader(int channel) {
    return channel == 0 ? "r" : "r" + channel;
  }

  /** {@code write_Order}, {@code read_List_String}: the codec methods of a type. */
  static String writeMethod(String codecName) {
    return "write_" + codecName;
  }

  static String readMethod(String codecName) {
    return "read_" + codecName;
  }

  /** The cached {@code values()} array of an enum: {@code Side} → {@code SIDE_VALUES}. */
  static String enumValuesField(String codecName) {
    return upperSnake(codecName) + "_VALUES";
  }

  /**
   * The base codec name of a type: simple names (nested ones joined with {@code _}), type arguments
   * appended with {@code _}: {@code Order}, {@code Outer_Inner}, {@code List_List_Integer}.
   */
  static String codecName(TransferType type) {
    return simpleNames(type.typeName());
  }

  private static String simpleNames(com.palantir.javapoet.TypeName type) {
    if (type instanceof com.palantir.javapoet.ClassName c) {
      return String.join("_", c.simpleNames());
    }
    if (type instanceof com.palantir.javapoet.ParameterizedTypeName p) {
      StringBuilder b = new StringBuilder(simpleNames(p.rawType()));
      for (com.palantir.javapoet.TypeName arg : p.typeArguments()) {
        b.append('_').append(simpleNames(arg));
      }
      return b.toString();
    }
    if (type instanceof com.palantir.javapoet.ArrayTypeName a) {
      return simpleNames(a.componentType()) + "Array";
    }
    return type.toString().replaceAll("[^A-Za-z0-9_]", "_");
  }

  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace("__", "_").toUpperCase(Locale.ROOT);
  }

  /** The failure variable of a value. */
  static String failureOf(String javaName) {
    return javaName + "Failure";
  }

  /**
   * Gives every user name (inputs, actors, locals) a Java name for generated code: the name itself
   * unless it collides with a generated identifier, then with a {@code _} suffix. Failure variables
   * ({@code xFailure}) are kept apart from value names.
   */
  static final class Allocator {
    private final Set<String> taken = new HashSet<>();
    private final Map<String, String> javaNames = new LinkedHashMap<>();

    Allocator(Collection<String> userNames) {
      for (String name : userNames) {
        String candidate = name;
        while (isReserved(candidate) || taken.contains(candidate)) {
          candidate = candidate + "_";
        }
        taken.add(candidate);
        javaNames.put(name, candidate);
      }
    }

    String javaName(String userName) {
      String n = javaNames.get(userName);
      if (n == null) {
        throw new IllegalArgumentException("no Java name allocated for " + userName);
      }
      return n;
    }

    /** The failure variable of the value whose Java name is {@code javaName}, distinct from all values. */
    String failureName(String javaName) {
      String candidate = failureOf(javaName);
      while (taken.contains(candidate) || isReserved(candidate)) {
        candidate = candidate + "_";
      }
      return candidate;
    }

    private static boolean isReserved(String name) {
      return RESERVED.contains(name) || RESERVED_PATTERN.matcher(name).matches();
    }
  }

  /** A component name usable as a local in a generated {@code read_X} method. */
  static String codecLocal(String component) {
    return CODEC_RESERVED.contains(component) ? component + "_" : component;
  }

  /** Identifiers the generated codec methods declare themselves. */
  private static final Set<String> CODEC_RESERVED = Set.of("r", "w", "v", "n", "i", "e", "ordinal");
}
