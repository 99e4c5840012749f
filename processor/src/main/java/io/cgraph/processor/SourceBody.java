package io.cgraph.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.type.TypeKind;

/**
 * The syntax of a graph body that {@link GraphParser} reads, each node with the {@link Site} its
 * messages are anchored on, and the reader of that syntax from a body's source text, where javac's
 * {@code Trees} is not there (Eclipse's compiler). Under javac, {@link JavacBodies} maps the body's
 * trees to the same records; both front ends read syntax only, and names and types are resolved by
 * the parser.
 *
 * <p>The source reader knows exactly the straight-line subset of DESIGN §2 — locals initialised by a
 * call, literal and name arguments, and the final return — and turns anything else into an
 * {@link Other} (or {@link OtherStatement}) that says what it found, as the messages show it. Every
 * node it makes has the one site it is given (the method: there is no tree to anchor on). It reads
 * a field access {@code Owner.name} and an array access {@code name[k]} with a literal index only
 * (what a collective needs); {@link Empty} is made by {@link JavacBodies} only.
 */
final class SourceBody {
  /** A statement of the body. */
  sealed interface Statement {
    /** Where messages about the statement are anchored. */
    Site site();
  }

  /**
   * {@code Type name = init;} ({@code init} is null when there is none). {@code type} is the type as
   * written, for messages ({@code var} or null when none is written); {@code matched} is the type
   * as compared with the call's return type: a simple name or primitive, no type arguments or
   * annotations, with its array brackets, {@code ?} for a part that matches anything, or null when
   * nothing is compared ({@code var}).
   */
  record Local(String type, String matched, String name, Expression init, Site site) implements Statement {}

  /** {@code return value;} ({@code value} is null for a bare return). */
  record Return(Expression value, Site site) implements Statement {}

  /** An expression used as a statement. */
  record ExpressionStatement(Expression expression, Site site) implements Statement {}

  /** An empty statement {@code ;} (javac's trees only; this reader skips them). */
  record Empty(Site site) implements Statement {}

  /** A statement outside the subset, described as the messages show it ("an if statement"). */
  record OtherStatement(String description, Site site) implements Statement {}

  /**
   * An expression. Its site is where it is written: an argument or a record component with its
   * parentheses, the expression of a statement without them.
   */
  sealed interface Expression {
    /** Where messages about the expression are anchored. */
    Site site();
  }

  /** A simple name. */
  record Name(String name, Site site) implements Expression {}

  /**
   * A literal, possibly signed; {@code code} is its code as the generated source writes it, {@code kind}
   * its type's kind ({@code DECLARED} for a string).
   */
  record Literal(TypeKind kind, String code, Site site) implements Expression {}

  /**
   * {@code receiver.method(args)}; {@code receiver} is null for an unqualified call, else the
   * receiver as written without parentheses. {@code text} is the call as messages show it,
   * {@code tok.encode(...)}.
   */
  record Call(String receiver, String method, List<Expression> args, String text, Site site)
      implements Expression {}

  /** {@code new Type(args)}; {@code anonymous} when a class body follows. */
  record New(String type, List<Expression> args, boolean anonymous, Site site) implements Expression {}

  /**
   * {@code owner.name}, a field access; {@code owner} without parentheses (this reader: a simple
   * name), {@code text} as written.
   */
  record Select(String owner, String name, String text, Site site) implements Expression {}

  /**
   * {@code array[index]}: {@code array} is the array's simple name or null, {@code index} the index
   * when it is an {@code int} literal, else null (this reader: a simple name and a literal index).
   */
  record Index(String array, Integer index, String text, Site site) implements Expression {}

  /** An expression outside the subset, described as the messages show it. */
  record Other(String description, Site site) implements Expression {}

  /** The statements of a body, and every simple name it mentions (not member names). */
  record Parsed(List<Statement> statements, Set<String> names) {}

  private enum Kind { IDENT, NUMBER, CHAR, STRING, OP, END }

  private record Token(Kind kind, String text) {}

  private final List<Token> tokens;
  private int pos;
  /** The positions of the tokens that name a declared local. */
  private final Set<Integer> declarations = new java.util.HashSet<>();

  /** The site of every node. */
  private final Site site;

  private SourceBody(List<Token> tokens, Site site) {
    this.tokens = tokens;
    this.site = site;
  }

  /** Parses the text between the braces of a method body; every node is anchored on {@code site}. */
  static Parsed parse(String body, Site site) {
    List<Token> tokens = tokenize(body);
    SourceBody p = new SourceBody(tokens, site);
    List<Statement> statements = new ArrayList<>();
    while (p.peek().kind() != Kind.END) {
      Statement s = p.statement();
      if (s != null) {
        statements.add(s);
      }
    }
    // the names used, as javac's identifier trees: not member names, not the names being declared
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.IDENT && (i == 0 || !tokens.get(i - 1).text().equals("."))
          && !p.declarations.contains(i)) {
        names.add(t.text());
      }
    }
    return new Parsed(List.copyOf(statements), names);
  }

  // ------------------------------------------------------------------ nodes

  private Other other(String description) {
    return new Other(description, site);
  }

  private OtherStatement otherStatement(String description) {
    return new OtherStatement(description, site);
  }

  private Call call(String receiver, String method, List<Expression> args) {
    return new Call(receiver, method, args, (receiver == null ? "" : receiver + ".") + method + "(...)", site);
  }

  /** {@link Local#matched()} of a type as written: {@code java.util.List<String>[]} is {@code List[]}. */
  private static String matched(String type) {
    if (type.equals("var")) {
      return null;
    }
    String t = type.replaceAll("<.*>", "").strip();
    String brackets = "";
    while (t.endsWith("[]")) {
      t = t.substring(0, t.length() - 2);
      brackets += "[]";
    }
    return (isPrimitive(t) ? t : t.substring(t.lastIndexOf('.') + 1)) + brackets;
  }

  // ------------------------------------------------------------------ statements

  private static final Set<String> LOOPS = Set.of("for", "while", "do");
  private static final Set<String> STATEMENT_KEYWORDS = Set.of("if", "switch", "try", "throw", "synchronized",
      "break", "continue", "yield", "assert", "class", "record", "interface", "enum");
  private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "char", "int", "long", "float",
      "double");

  /** One statement, or null for an empty statement. */
  private Statement statement() {
    Token t = peek();
    if (t.text().equals(";")) {
      pos++;
      return null;
    }
    if (t.kind() == Kind.IDENT && t.text().equals("return")) {
      pos++;
      Expression value = peek().text().equals(";") ? null : expression();
      return end(new Return(value, site));
    }
    if (t.kind() == Kind.IDENT && LOOPS.contains(t.text())) {
      skipStatement();
      return otherStatement("a loop");
    }
    if (t.kind() == Kind.IDENT && STATEMENT_KEYWORDS.contains(t.text())) {
      skipStatement();
      return otherStatement(t.text().equals("if") ? "an if statement" : "a " + t.text() + " statement");
    }
    if (t.text().equals("{")) {
      skipStatement();
      return otherStatement("a block statement");
    }
    int start = pos;
    while (peek().text().equals("final") || peek().text().equals("@")) {
      if (next().text().equals("@")) {
        next(); // the annotation's name; arguments of annotations on locals are not in the subset
      }
    }
    String type = type();
    if (type != null && peek().kind() == Kind.IDENT && (peekAt(1).text().equals("=") || peekAt(1).text().equals(";"))) {
      declarations.add(pos);
      String name = next().text();
      Expression init = next().text().equals("=") ? expression() : null;
      if (init == null) {
        pos--; // the ';' ends the statement
      }
      return end(new Local(type, matched(type), name, init, site));
    }
    pos = start;
    return end(new ExpressionStatement(expression(), site));
  }

  /** Expects the {@code ;} that ends {@code s}; anything before it makes the statement unreadable. */
  private Statement end(Statement s) {
    if (peek().text().equals(";")) {
      pos++;
      return s;
    }
    skipStatement();
    return s instanceof OtherStatement ? s : otherStatement("a statement this reader does not understand");
  }

  /** Skips to the end of the current statement: a {@code ;} or a closing block at depth 0. */
  private void skipStatement() {
    int depth = 0;
    while (peek().kind() != Kind.END) {
      String t = next().text();
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
        if (depth <= 0 && t.equals("}") && !peek().text().equals("else") && !peek().text().equals("catch")
            && !peek().text().equals("finally") && !peek().text().equals("while")) {
          if (peek().text().equals(";")) {
            pos++;
          }
          return;
        }
      } else if (t.equals(";") && depth == 0) {
        return;
      }
    }
  }

  /** A type: {@code var}, a primitive or a (qualified, parameterised) name, with array brackets; or null. */
  private String type() {
    int start = pos;
    StringBuilder b = new StringBuilder();
    if (peek().kind() != Kind.IDENT) {
      return null;
    }
    b.append(next().text());
    while (peek().text().equals(".") && peekAt(1).kind() == Kind.IDENT) {
      pos++;
      b.append('.').append(next().text());
    }
    if (peek().text().equals("<")) {
      int depth = 0;
      do {
        Token t = next();
        if (t.kind() == Kind.END || t.text().equals(";") || t.text().equals("(")) {
          pos = start;
          return null;
        }
        depth += t.text().equals("<") ? 1 : t.text().equals(">") ? -1 : t.text().equals(">>") ? -2 : 0;
        b.append(t.text()).append(t.text().equals(",") ? " " : "");
      } while (depth > 0);
    }
    while (peek().text().equals("[") && peekAt(1).text().equals("]")) {
      pos += 2;
      b.append("[]");
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ expressions

  /** A primary expression of the subset, or an {@link Other} (the rest of the expression consumed). */
  private Expression expression() {
    int start = pos;
    Expression e = primary();
    if (isExpressionEnd(peek())) {
      return e;
    }
    // anything more is an operator, a field access, a lambda, ...
    Token op = peek();
    skipExpression();
    String text = text(start, pos);
    if (op.text().equals("->")) {
      return other("a lambda");
    }
    if (op.text().equals("::")) {
      return other("a method reference");
    }
    if (op.text().equals("?")) {
      return other("a conditional expression");
    }
    if (op.text().equals("=") || op.text().endsWith("=") && op.text().length() == 2 && !isComparison(op.text())) {
      return other("an assignment");
    }
    if (op.text().equals(".") && e instanceof Name) {
      return text.contains("(") ? other("a call " + text) : other("a field access " + text);
    }
    return other(op.kind() == Kind.OP && !op.text().equals(".") && !op.text().equals("[")
        ? "arithmetic or a comparison (" + text + ")" : "an expression " + text);
  }

  private static boolean isComparison(String op) {
    return op.equals("==") || op.equals("!=") || op.equals("<=") || op.equals(">=");
  }

  private static boolean isExpressionEnd(Token t) {
    return t.kind() == Kind.END || t.text().equals(";") || t.text().equals(",") || t.text().equals(")");
  }

  private Expression primary() {
    Token t = peek();
    if (t.text().equals("(")) {
      int start = pos;
      pos++;
      Expression inner = expression();
      if (peek().text().equals(")")) {
        pos++;
        return inner;
      }
      pos = start;
      skipExpression();
      return other("an expression " + text(start, pos));
    }
    if (t.text().equals("-") || t.text().equals("+")) {
      Token n = peekAt(1);
      if (n.kind() == Kind.NUMBER) {
        pos += 2;
        return literal(n, t.text().equals("-") ? "-" : "");
      }
    }
    if (t.kind() == Kind.NUMBER || t.kind() == Kind.CHAR || t.kind() == Kind.STRING) {
      pos++;
      return literal(t, "");
    }
    if (t.kind() == Kind.IDENT) {
      switch (t.text()) {
        case "true", "false" -> {
          pos++;
          return new Literal(TypeKind.BOOLEAN, t.text(), site);
        }
        case "null" -> {
          pos++;
          return other("null, which is not a constant value");
        }
        case "new" -> {
          return newExpression();
        }
        default -> { }
      }
      pos++;
      if (peek().text().equals("(")) {
        return call(null, t.text(), arguments());
      }
      if (peek().text().equals(".") && peekAt(1).kind() == Kind.IDENT && peekAt(2).text().equals("(")) {
        pos++;
        String method = next().text();
        return call(t.text(), method, arguments());
      }
      if (peek().text().equals(".") && peekAt(1).kind() == Kind.IDENT && isExpressionEnd(peekAt(2))) {
        pos += 2; // owner.name, a field access (a collective's ReduceOp.SUM)
        String field = tokens.get(pos - 1).text();
        return new Select(t.text(), field, t.text() + "." + field, site);
      }
      if (peek().text().equals("[") && peekAt(1).kind() == Kind.NUMBER && peekAt(2).text().equals("]")
          && isExpressionEnd(peekAt(3))) {
        String index = peekAt(1).text();
        pos += 3; // array[k], a reduceScatter's share
        Integer k = intLiteral(index);
        return new Index(t.text(), k, t.text() + "[" + index + "]", site);
      }
      return new Name(t.text(), site);
    }
    int start = pos;
    skipExpression();
    return other("an expression " + text(start, pos));
  }

  /** The value of an {@code int} literal as Java reads it (decimal, hex, octal, binary, underscores), or null. */
  static Integer intLiteral(String text) {
    String t = text.replace("_", "");
    try {
      long v;
      if (t.startsWith("0x") || t.startsWith("0X")) {
        v = Long.parseLong(t.substring(2), 16);
      } else if (t.startsWith("0b") || t.startsWith("0B")) {
        v = Long.parseLong(t.substring(2), 2);
      } else if (t.length() > 1 && t.startsWith("0")) {
        v = Long.parseLong(t.substring(1), 8);
      } else {
        v = Long.parseLong(t);
      }
      return v <= Integer.MAX_VALUE ? (int) v : null;
    } catch (NumberFormatException notAnInt) { // 1L, 1.0, a literal too long for an int
      return null;
    }
  }

  private Expression newExpression() {
    int start = pos;
    pos++; // new
    String type = type();
    if (type == null || !peek().text().equals("(")) {
      boolean array = type != null && (peek().text().equals("[") || peek().text().equals("{"));
      pos = start;
      skipExpression();
      return other("an expression " + text(start, pos) + (array ? " (new array)" : ""));
    }
    List<Expression> args = arguments();
    boolean anonymous = false;
    if (peek().text().equals("{")) {
      anonymous = true;
      skipBalanced();
    }
    return new New(type, args, anonymous, site);
  }

  /** {@code ( expr, ... )}, positioned on the {@code (}. */
  private List<Expression> arguments() {
    pos++; // (
    List<Expression> args = new ArrayList<>();
    if (peek().text().equals(")")) {
      pos++;
      return args;
    }
    while (true) {
      args.add(expression());
      Token t = next();
      if (!t.text().equals(",")) {
        if (!t.text().equals(")")) {
          pos--;
        }
        return args;
      }
    }
  }

  /** Skips to the end of the current expression: {@code , ) ;} at depth 0. */
  private void skipExpression() {
    int depth = 0;
    while (peek().kind() != Kind.END) {
      String t = peek().text();
      if (depth == 0 && (t.equals(";") || t.equals(",") || t.equals(")"))) {
        return;
      }
      if (t.equals("(") || t.equals("[") || t.equals("{")) {
        depth++;
      } else if (t.equals(")") || t.equals("]") || t.equals("}")) {
        depth--;
      }
      pos++;
    }
  }

  private void skipBalanced() {
    int depth = 0;
    do {
      String t = next().text();
      depth += t.equals("{") ? 1 : t.equals("}") ? -1 : 0;
    } while (depth > 0 && peek().kind() != Kind.END);
  }

  private Literal literal(Token t, String sign) {
    String s = t.text();
    TypeKind kind = switch (t.kind()) {
      case CHAR -> TypeKind.CHAR;
      case STRING -> TypeKind.DECLARED;
      default -> numberKind(s);
    };
    return new Literal(kind, sign + s, site);
  }

  private static TypeKind numberKind(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    boolean hex = lower.startsWith("0x");
    if (lower.endsWith("l")) {
      return TypeKind.LONG;
    }
    if (!hex && lower.endsWith("f")) {
      return TypeKind.FLOAT;
    }
    if (!hex && (lower.endsWith("d") || lower.contains(".") || lower.contains("e"))) {
      return TypeKind.DOUBLE;
    }
    return TypeKind.INT;
  }

  // ------------------------------------------------------------------ tokens

  private Token peek() {
    return peekAt(0);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = peek();
    if (pos < tokens.size() - 1) {
      pos++;
    }
    return t;
  }

  private static final Set<String> TIGHT = Set.of(".", "(", ")", "[", "]", "{", "}");

  /** Tokens {@code [from, to)} as javac prints an expression: {@code a.b(c, d + 1)}, {@code new int[]{1, 2}}. */
  private String text(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to && i < tokens.size(); i++) {
      String t = tokens.get(i).text();
      String before = i == from ? "" : tokens.get(i - 1).text();
      boolean tight = i == from || TIGHT.contains(t) || t.equals(",") || before.equals(".") || before.equals("(")
          || before.equals("[") || before.equals("{");
      if (!tight || before.equals(",")) {
        b.append(' ');
      }
      b.append(t);
    }
    return b.toString();
  }

  private static final String[] OPERATORS = {">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--", "&&", "||",
      "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>"};

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("//", i)) {
        int eol = s.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (s.startsWith("/*", i)) {
        int close = s.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(s.charAt(j))) {
          j++;
        }
        out.add(new Token(Kind.IDENT, s.substring(i, j)));
        i = j;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.'
            || (s.charAt(j) == '+' || s.charAt(j) == '-') && "eEpP".indexOf(s.charAt(j - 1)) >= 0
            && !s.substring(i, j).toLowerCase(java.util.Locale.ROOT).startsWith("0x"))) {
          j++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, j)));
        i = j;
      } else if (s.startsWith("\"\"\"", i)) {
        int close = s.indexOf("\"\"\"", i + 3);
        int j = close < 0 ? n : close + 3;
        out.add(new Token(Kind.STRING, s.substring(i, j)));
        i = j;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, n);
        out.add(new Token(c == '"' ? Kind.STRING : Kind.CHAR, s.substring(i, j)));
        i = j;
      } else {
        String op = String.valueOf(c);
        for (String candidate : OPERATORS) {
          if (s.startsWith(candidate, i)) {
            op = candidate;
            break;
          }
        }
        out.add(new Token(Kind.OP, op));
        i += op.length();
      }
    }
    out.add(new Token(Kind.END, ""));
    return out;
  }

  static boolean isPrimitive(String name) {
    return PRIMITIVES.contains(name);
  }
}
