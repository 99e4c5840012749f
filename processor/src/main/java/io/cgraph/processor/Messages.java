package io.cgraph.processor;

/**
 * Every message the processor reports, in one place. Each starts with its ID in brackets (shared
 * with the tests), says what is wrong, and what to do.
 */
final class Messages {
  private Messages() {}

  static final String NOT_STRAIGHT_LINE = "[CGraphNotStraightLine]";
  static final String NOT_GRAPH_METHOD = "[CGraphNotGraphMethod]";
  static final String ARGUMENT_MISMATCH = "[CGraphArgumentMismatch]";
  static final String TYPE_MISMATCH = "[CGraphTypeMismatch]";
  static final String BAD_RETURN = "[CGraphBadReturn]";
  static final String NOT_TRANSFERABLE = "[CGraphNotTransferable]";
  static final String NOT_ACCESSIBLE = "[CGraphNotAccessible]";
  static final String UNUSED_PARAMETER = "[CGraphUnusedParameter]";
  static final String UNUSED_RESULT = "[CGraphUnusedResult]";
  static final String NO_ACTOR = "[CGraphNoActor]";
  static final String NOT_STATIC = "[CGraphNotStatic]";
  static final String BAD_GRAPH = "[CGraphBadGraph]";
  static final String BAD_ACTOR_CLASS = "[CGraphBadActorClass]";
  static final String BAD_GRAPH_METHOD = "[CGraphBadGraphMethod]";
  static final String BAD_OPTION = "[CGraphBadOption]";
  static final String DUPLICATE_NAME = "[CGraphDuplicateName]";
  static final String MISSING_TYPE = "[CGraphMissingType]";
  static final String INTERNAL_ERROR = "[CGraphInternalError]";
  static final String NEEDS_JAVAC = "[CGraphNeedsJavac]";
  static final String BAD_COLLECTIVE = "[CGraphBadCollective]";
  // the misuse checker (DESIGN §5)
  static final String REF_READ_TWICE = "[CGraphRefReadTwice]";
  static final String TOO_MANY_IN_FLIGHT = "[CGraphTooManyInFlight]";
  static final String USE_AFTER_CLOSE = "[CGraphUseAfterClose]";
  static final String ACTOR_IN_USE = "[CGraphActorInUse]";
  static final String CHECKER_OFF = "[CGraphCheckerOff]";

  /**
   * How each ID is reported: an error, unless this table says otherwise. Reporters ask
   * {@link #kindOf}, so a message's kind is decided here, not where it is reported.
   */
  private static final java.util.Map<String, javax.tools.Diagnostic.Kind> KINDS = java.util.Map.of(
      ACTOR_IN_USE, javax.tools.Diagnostic.Kind.WARNING,
      CHECKER_OFF, javax.tools.Diagnostic.Kind.NOTE);

  /** The kind {@code message} (a message of this catalogue, starting with its ID) is reported with. */
  static javax.tools.Diagnostic.Kind kindOf(String message) {
    int end = message.indexOf(']');
    String id = message.startsWith("[") && end > 0 ? message.substring(0, end + 1) : "";
    return KINDS.getOrDefault(id, javax.tools.Diagnostic.Kind.ERROR);
  }

  /** The key of {@code @SuppressWarnings} that silences the misuse checker. */
  static final String SUPPRESS_KEY = "cgraph";

  // ---- the graph body (straight-line code)

  static String notStraightLine(String found) {
    return NOT_STRAIGHT_LINE + " a graph body may only bind @GraphMethod calls to locals and return;"
        + " found " + found + " — move that logic into an actor method";
  }

  static String notInitialisedByCall(String local, String found) {
    return NOT_STRAIGHT_LINE + " local " + local + " must be initialised by a call actor.graphMethod(...);"
        + " found " + found + " — compute the value in an actor method and call it here";
  }

  // ---- collectives (io.cgraph.annotations.Collectives)

  static String unknownCollective(String method) {
    return BAD_COLLECTIVE + " Collectives." + method + " is not a collective"
        + " — use allReduce, allGather, reduceScatter or broadcast";
  }

  static String collectiveOp(String call, String found) {
    return BAD_COLLECTIVE + " the first argument of " + call + " must be a ReduceOp constant"
        + " (ReduceOp.SUM, PRODUCT, MIN or MAX); found " + found + " — name the op in the graph body";
  }

  static String collectiveOperand(int position, String call, String found) {
    return BAD_COLLECTIVE + " operand " + position + " of " + call + " is " + found
        + "; an operand must be a local bound by a call on an actor (that actor takes part with its value)"
        + " — bind the value to a local first";
  }

  static String collectiveReceiver(int position, String call, String found) {
    return BAD_COLLECTIVE + " receiver " + position + " of " + call + " is " + found
        + "; after the root's value, broadcast names the actor parameters that receive it — pass an actor parameter";
  }

  static String collectiveTooFew(String call, int participants) {
    return BAD_COLLECTIVE + " " + call + " has " + participants + " participant" + (participants == 1 ? "" : "s")
        + "; a collective needs at least two — with one actor, pass its value on directly";
  }

  static String collectiveSameActor(String call, String first, String second, String actor) {
    return BAD_COLLECTIVE + " " + call + ": " + first + " and " + second + " both belong to actor " + actor
        + "; the participants of a collective must be distinct actors — each takes part once, with one value"
        + " (combine that actor's values in one of its methods first)";
  }

  static String collectiveElementType(String call, String operand, String found) {
    return BAD_COLLECTIVE + " " + call + ": " + operand + " is " + found
        + "; a collective's operands are float[], double[], int[] or long[]"
        + " — convert the value in the actor method that computes it (DeviceCollectives takes DeviceTensors)";
  }

  static String collectiveTensorElementType(String call, String operand, String found) {
    return BAD_COLLECTIVE + " " + call + ": " + operand + " is " + found
        + "; the operands of DeviceCollectives are DeviceTensors — use Collectives for arrays";
  }

  static String collectiveTensorShared(String operand, String call) {
    return BAD_COLLECTIVE + " " + call + " reads " + operand + ", a DeviceTensor operand of a collective, which"
        + " consumes (closes) it — bind another tensor for other readers, or read the collective's result";
  }

  static String collectiveMixedTypes(String call, String first, String firstType, String other, String otherType) {
    return BAD_COLLECTIVE + " " + call + ": " + first + " is " + firstType + " but " + other + " is " + otherType
        + "; all operands of a collective have one element type — convert one of them in the actor method that"
        + " computes it";
  }

  static String collectiveReadByOutsider(String name, String call, String actor) {
    return BAD_COLLECTIVE + " " + call + " reads " + name + ", the result of a collective in which " + actor
        + " does not take part; only participants get a copy — add a value of " + actor
        + " to the collective, or pass " + actor + " a participant's result";
  }

  static String collectiveNotRead(String name, String actor) {
    return BAD_COLLECTIVE + " participant " + actor + " never reads " + name
        + ", the result of its collective; every participant gets its own copy — pass " + name
        + " to a later call on " + actor + ", or leave " + actor + " out of the collective";
  }

  static String collectiveShareOfOther(String arg, String call, String actor, int rank, String name) {
    return BAD_COLLECTIVE + " " + call + " reads " + arg + " on " + actor + ", whose share is " + name + "[" + rank
        + "]; each participant of a reduceScatter reads its own share (its position among the operands) — pass "
        + name + "[" + rank + "] there";
  }

  static String collectiveWholeShares(String name, String call) {
    return BAD_COLLECTIVE + " " + call + " reads " + name + ", the shares of a reduceScatter, whole;"
        + " each participant reads its own share — pass " + name + "[i], i its position among the operands";
  }

  static String notAShare(String arg, String name) {
    return BAD_COLLECTIVE + " " + arg + " indexes " + name + ", which is not the result of Collectives.reduceScatter;"
        + " a graph body indexes only a reduceScatter's shares, with a literal — compute it in an actor method";
  }

  static String collectiveReturned(String name) {
    return BAD_COLLECTIVE + " the graph returns " + name + ", the result of a collective, which each participant"
        + " holds a copy of — return the result of a call on a participant instead";
  }

  static String callOnNonActor(String receiver) {
    return NOT_STRAIGHT_LINE + " a graph body may only call @GraphMethods on its actor parameters; " + receiver
        + " is not an actor parameter — pass the actor as a parameter whose type is an @Actor class";
  }

  static String badArgument(int position, String call, String found) {
    return NOT_STRAIGHT_LINE + " argument " + position + " of " + call + " is " + found
        + "; an argument may only be an input parameter, a local bound earlier, or a literal constant"
        + " — compute it in an actor method";
  }

  static String unknownName(String name, String call) {
    return NOT_STRAIGHT_LINE + " " + name + " in " + call
        + " is not an input parameter, a local bound earlier, or a constant — bind it before this call";
  }

  static String actorAsArgument(String name, String call) {
    return NOT_STRAIGHT_LINE + " actor " + name + " is passed as an argument of " + call
        + "; actors cannot cross a channel — call its @GraphMethods instead";
  }

  static String declaredTwice(String name) {
    return NOT_STRAIGHT_LINE + " " + name + " is declared twice — give every value its own name";
  }

  static String statementAfterReturn() {
    return NOT_STRAIGHT_LINE + " a statement follows the return — the return must be the last statement";
  }

  static String noBody() {
    return NOT_STRAIGHT_LINE + " a graph method has no body to read"
        + " — give it a body of @GraphMethod calls and a final return";
  }

  // ---- calls

  static String notGraphMethod(String actorType, String method) {
    return NOT_GRAPH_METHOD + " " + actorType + "." + method + " is not a @GraphMethod"
        + " — annotate it with @GraphMethod, or call it from inside an actor method";
  }

  static String noSuchMethod(String actorType, String method) {
    return NOT_GRAPH_METHOD + " " + actorType + " has no method " + method
        + " — call one of its @GraphMethods";
  }

  static String voidGraphMethod(String actorType, String method) {
    return NOT_GRAPH_METHOD + " " + actorType + "." + method + " returns void, so its result cannot be used"
        + " — return the value the graph needs";
  }

  static String argumentCount(String call, int expected, int found) {
    return ARGUMENT_MISMATCH + " " + call + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
        + " but is given " + found + " — pass exactly its parameters";
  }

  static String argumentType(int position, String call, String found, String expected) {
    return ARGUMENT_MISMATCH + " argument " + position + " of " + call + " is a " + found + " but the parameter is a "
        + expected + " — pass a value of type " + expected;
  }

  static String localType(String local, String declared, String call, String returned) {
    return TYPE_MISMATCH + " local " + local + " is declared as " + declared + " but " + call + " returns " + returned
        + " — declare it as " + returned + " (or var) so the graph carries the same value";
  }

  static String returnType(String returned, String declared) {
    return TYPE_MISMATCH + " the graph returns a " + returned + " but is declared to return " + declared
        + " — return a value of the declared type";
  }

  // ---- return

  static String missingReturn() {
    return BAD_RETURN + " a graph body must end with a return of a bound value or of a record built from"
        + " bound values — add the return";
  }

  static String badReturn(String found) {
    return BAD_RETURN + " a graph may return a local bound by a call, a call, or a record built from locals"
        + " (new R(a, b)); found " + found + " — bind the value first and return it";
  }

  static String returnsInput(String name) {
    return BAD_RETURN + " the graph returns input parameter " + name
        + " directly; returning inputs is not supported yet — return a value computed by an actor method";
  }

  static String recordComponentIsInput(String name, String record) {
    return BAD_RETURN + " component " + name + " of " + record
        + " is an input parameter; a record return built from inputs is not supported yet"
        + " — return a value computed by an actor method instead";
  }

  static String returnNotRecord(String type) {
    return BAD_RETURN + " new " + type + "(...) is returned, but the graph's return type is not a record"
        + " — declare a record of the results and return it";
  }

  static String recordArity(String type, int expected, int found) {
    return BAD_RETURN + " record " + type + " has " + expected + " components but is built from " + found
        + " values — pass one value per component";
  }

  // ---- parameters and results

  static String unusedParameter(String kind, String name) {
    return UNUSED_PARAMETER + " " + kind + " parameter " + name + " is never used in the graph — use it or remove it";
  }

  static String unusedResult(String name) {
    return UNUSED_RESULT + " the result " + name + " is never used; a dead result would swallow its errors"
        + " — pass it to a later call or return it";
  }

  static String discardedResult(String call) {
    return UNUSED_RESULT + " the result of " + call + " is discarded; a dead result would swallow its errors"
        + " — bind it to a local and use it, or return it";
  }

  static String missingActorAnnotation(String param, String type, String simpleName) {
    return NO_ACTOR + " parameter " + param + " has type " + type + ", which has @GraphMethods but is not an @Actor"
        + " class, so the graph cannot call it — add @Actor to " + simpleName;
  }

  static String noActor() {
    return NO_ACTOR + " a graph needs at least one actor parameter (a parameter whose type is an @Actor class)"
        + " — add one and call its @GraphMethods";
  }

  // ---- transferable types

  /** {@code substitute} is what to send instead: one of the {@code SEND_...} texts below. */
  static String notTransferable(String what, String path, String reason, String substitute) {
    return NOT_TRANSFERABLE + " " + what + " crosses a channel, but " + path + " is not transferable" + reason
        + " — " + substitute;
  }

  /** For {@code java.util.Date} and its subclasses. */
  static final String SEND_INSTANT =
      "send a java.time.Instant instead (date.toInstant(); Date.from(instant) rebuilds it)";
  /** For {@code java.sql.Date} and {@code java.sql.Time}, whose {@code toInstant()} throws. */
  static final String SEND_INSTANT_OF_MILLIS =
      "send a java.time.Instant instead (Instant.ofEpochMilli(date.getTime()))";
  /** For a Chronicle {@code BytesMarshallable} that cannot be read into. */
  static final String SEND_RECORD_OF_FIELDS = "change that, or send a record of its fields instead";
  /** For a record component that javac gives no accessor. */
  static final String RENAME_COMPONENT = "rename the component";
  /** For a {@code Map}. */
  static final String SEND_LIST_OF_RECORDS =
      "send a List of a record instead (record Entry(K key, V value), List<Entry>)";
  /** For any other type. */
  static final String SEND_TRANSFERABLE_TYPE = "use primitives, their boxes, String, enums, primitive arrays,"
      + " records of transferable components, List of transferable, java.nio.ByteBuffer, java.time.Instant,"
      + " java.time.Duration, java.util.UUID, java.math.BigDecimal, a Chronicle BytesMarshallable class, or io.cgraph.gpu.DeviceTensor";

  static String notAccessible(String what, String type, String pkg) {
    return NOT_ACCESSIBLE + " " + what + " uses " + type + ", which generated code in package " + pkg
        + " cannot access — make it public (or move it into that package)";
  }

  // ---- the graph method, actors, graph methods

  static String notStatic() {
    return NOT_STATIC + " a @Graph method must be static — make it static (actors are passed as parameters)";
  }

  static String privateGraph() {
    return BAD_GRAPH + " a @Graph method must not be private — make it package-private or public";
  }

  static String genericGraph() {
    return BAD_GRAPH + " a @Graph method cannot be generic — use concrete types";
  }

  static String actorNotPublic(String type) {
    return BAD_ACTOR_CLASS + " @Actor class " + type + " must be public — generated graph classes construct calls to it";
  }

  static String actorNotConcrete(String type) {
    return BAD_ACTOR_CLASS + " @Actor " + type + " must be a concrete class — remove abstract or use a class";
  }

  static String graphMethodNotPublic(String method) {
    return BAD_GRAPH_METHOD + " @GraphMethod " + method + " must be public — generated code calls it from another class";
  }

  static String graphMethodStatic(String method) {
    return BAD_GRAPH_METHOD + " @GraphMethod " + method + " must not be static — it runs on its actor's thread";
  }

  static String graphMethodGeneric(String method) {
    return BAD_GRAPH_METHOD + " @GraphMethod " + method + " must not be generic — use concrete types";
  }

  static String graphMethodOverloaded(String method) {
    return BAD_GRAPH_METHOD + " @GraphMethod " + method + " is overloaded — give each overload its own name";
  }

  static String graphMethodThrows(String method, String thrown) {
    return BAD_GRAPH_METHOD + " @GraphMethod " + method + " declares throws " + thrown
        + ", which is neither an Exception nor an Error — declare Exception subclasses only";
  }

  static String badActorUsed(String param, String type) {
    return BAD_ACTOR_CLASS + " actor parameter " + param + " has type " + type
        + ", which is not a valid @Actor class — fix the errors reported on " + type;
  }

  // ---- @Graph options and names

  static String badMaxInflight(int value) {
    return BAD_OPTION + " maxInflight must be in 1.." + RuntimeTypes.MAX_INFLIGHT_LIMIT + ", got " + value
        + " — pick a value in that range";
  }

  static String badBufferBytes(int value) {
    return BAD_OPTION + " bufferBytes must be positive, got " + value + " — pick a positive slot size";
  }

  static String badName(String name) {
    return BAD_OPTION + " name \"" + name + "\" is not a valid Java class name — use an identifier like MyGraph";
  }

  static String duplicateName(String qualifiedName, String other) {
    return DUPLICATE_NAME + " the generated class " + qualifiedName + " would also be generated for " + other
        + " — give one of them another name with @Graph(name = \"...\")";
  }

  static String existingClass(String qualifiedName) {
    return DUPLICATE_NAME + " a class named " + qualifiedName + " already exists"
        + " — give the graph another name with @Graph(name = \"...\")";
  }

  // ---- deferred types and internal errors

  static String missingType(String graph, String types) {
    return MISSING_TYPE + " graph " + graph + " refers to " + types
        + ", which could not be resolved — check the imports, or the processor that should generate it";
  }

  static String internalError(String element, String trace) {
    return INTERNAL_ERROR + " internal error in the cgraph processor while processing " + element
        + "; please report it with this trace:\n" + trace;
  }

  static String needsJavac(String graph) {
    return NEEDS_JAVAC + " graph " + graph + " cannot be read: its body is read through javac's"
        + " com.sun.source.util.Trees API (or from its source text under Eclipse's compiler), which this compiler"
        + " does not provide — compile with javac (JDK 17+) or Eclipse's compiler";
  }

  // ---- the misuse checker

  static String refReadTwice(String ref) {
    return REF_READ_TWICE + " " + ref + ".get() is called a second time on the same Ref; a Ref's result can be"
        + " taken once, so this throws RefAlreadyConsumedException — keep the value of the first get()"
        + " (or @SuppressWarnings(\"" + SUPPRESS_KEY + "\"))";
  }

  static String refReadInLoop(String ref) {
    return REF_READ_TWICE + " " + ref + ".get() runs in every iteration of this loop, but " + ref
        + " is declared outside it; the second iteration throws RefAlreadyConsumedException"
        + " — execute inside the loop, or read " + ref + " once before it";
  }

  static String tooManyInFlight(String graph, String graphClass, int maxInflight, int maxBuffered,
      java.util.List<String> unread) {
    String names = unread.size() <= 5 ? String.join(", ", unread)
        : unread.size() + " Refs (" + String.join(", ", unread.subList(0, 3)) + ", ...)";
    return TOO_MANY_IN_FLIGHT + " this " + graph + ".execute(...) would leave " + (unread.size() + 1) + " results"
        + " unread, but " + graphClass + " keeps at most maxInflight = " + maxInflight + " (its @Graph value) in the"
        + " pipeline plus maxBufferedResults = " + maxBuffered + " (the default) that have arrived, and " + names
        + " are not read yet; it can only end in CapacityExceededException — call get() on an earlier Ref first, or"
        + " raise the limits (@Graph(maxInflight), GraphOptions.withMaxBufferedResults)";
  }

  static String useAfterClose(String graph, String method) {
    return USE_AFTER_CLOSE + " " + graph + "." + method + "(...) is called after " + graph + ".close();"
        + " a closed graph throws GraphClosedException — call it before close(), or compile a new graph";
  }

  static String actorInUse(String actor, String method, String graph) {
    return ACTOR_IN_USE + " actor " + actor + " was handed to graph " + graph + ", which is still open; calling "
        + actor + "." + method + "(...) directly races with the graph's actor thread — call it after "
        + graph + ".close(), or add the call to the graph";
  }

  static String checkerOff(String why) {
    return CHECKER_OFF + " cgraph: the misuse checker (double get, capacity, use after close) is off because "
        + why + "; graphs are still checked and generated — compile with javac to get these checks";
  }

  /** The message the methods of a graph class generated for an invalid graph throw. */
  static String graphFailed(String graphClass) {
    return "graph " + graphClass + " failed to compile: see the compile errors";
  }
}
