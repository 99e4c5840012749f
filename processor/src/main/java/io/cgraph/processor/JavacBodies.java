package io.cgraph.processor;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;

/**
 * Maps a graph body's javac trees to the {@link SourceBody} syntax that {@link GraphParser} reads,
 * each node anchored on its tree. It reads the trees <em>as syntax only</em>: it never asks javac to
 * attribute them ({@code Trees.getElement}, {@code getTypeMirror}, or a {@code TreePath} of a body
 * tree), since attributing a class that mentions a type generated in the same round breaks javac
 * later. Where the trees say more than the source-text reader does, the records carry it: field
 * accesses ({@code ReduceOp.SUM}) and array accesses ({@code shares[0]}) for collectives, a literal's
 * kind and code as javac prints it, and a declared type compared by its trees.
 */
final class JavacBodies {
  private final CompilationUnitTree unit;

  private JavacBodies(CompilationUnitTree unit) {
    this.unit = unit;
  }

  /** The body of {@code method} as syntax, or null when javac has no body or unit for it. */
  static SourceBody.Parsed read(Trees trees, ExecutableElement method) {
    MethodTree tree = trees.getTree(method);
    TreePath path = trees.getPath(method); // the element's path: found by Enter, no attribution
    CompilationUnitTree unit = path == null ? null : path.getCompilationUnit();
    BlockTree body = tree == null ? null : tree.getBody();
    if (body == null || unit == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        names.add(node.getName().toString());
        return null;
      }
    }.scan(body, null);
    JavacBodies mapper = new JavacBodies(unit);
    List<SourceBody.Statement> statements = new ArrayList<>();
    for (StatementTree s : body.getStatements()) {
      statements.add(mapper.statement(s));
    }
    return new SourceBody.Parsed(List.copyOf(statements), names);
  }

  private SourceBody.Statement statement(StatementTree s) {
    Site site = at(s);
    if (s instanceof VariableTree v) {
      Tree declared = v.getType();
      String type = declared == null ? null : declared.toString();
      String matched = type == null || type.equals("var") ? null : matched(declared);
      ExpressionTree init = v.getInitializer();
      return new SourceBody.Local(type, matched, v.getName().toString(),
          init == null ? null : expression(init, false), site);
    }
    if (s instanceof ReturnTree r) {
      return new SourceBody.Return(r.getExpression() == null ? null : expression(r.getExpression(), false), site);
    }
    if (s instanceof ExpressionStatementTree es) {
      return new SourceBody.ExpressionStatement(expression(es.getExpression(), false), site);
    }
    if (s instanceof EmptyStatementTree) {
      return new SourceBody.Empty(site);
    }
    return new SourceBody.OtherStatement(describeStatement(s), site);
  }

  /**
   * {@code written} as syntax, anchored where it is written when it is an argument (its parentheses
   * included), else on the expression itself.
   */
  private SourceBody.Expression expression(ExpressionTree written, boolean argument) {
    ExpressionTree t = unwrap(written);
    Site site = at(argument ? written : t);
    if (t instanceof IdentifierTree id) {
      return new SourceBody.Name(id.getName().toString(), site);
    }
    TypeKind literal = literalKind(t);
    if (literal != null) {
      return new SourceBody.Literal(literal, t.toString(), site);
    }
    if (t instanceof MethodInvocationTree inv) {
      List<SourceBody.Expression> args = new ArrayList<>();
      inv.getArguments().forEach(a -> args.add(expression(a, true)));
      String text = inv.getMethodSelect() + "(...)";
      if (inv.getMethodSelect() instanceof MemberSelectTree ms) {
        return new SourceBody.Call(unwrap(ms.getExpression()).toString(), ms.getIdentifier().toString(),
            List.copyOf(args), text, site);
      }
      return new SourceBody.Call(null, inv.getMethodSelect().toString(), List.copyOf(args), text, site);
    }
    if (t instanceof NewClassTree nc) {
      List<SourceBody.Expression> args = new ArrayList<>();
      nc.getArguments().forEach(a -> args.add(expression(a, true)));
      return new SourceBody.New(nc.getIdentifier().toString(), List.copyOf(args), nc.getClassBody() != null, site);
    }
    if (t instanceof MemberSelectTree ms) {
      return new SourceBody.Select(unwrap(ms.getExpression()).toString(), ms.getIdentifier().toString(),
          t.toString(), site);
    }
    if (t instanceof ArrayAccessTree access) {
      ExpressionTree index = unwrap(access.getIndex());
      return new SourceBody.Index(
          unwrap(access.getExpression()) instanceof IdentifierTree array ? array.getName().toString() : null,
          index instanceof LiteralTree l && index.getKind() == Tree.Kind.INT_LITERAL ? (Integer) l.getValue() : null,
          t.toString(), site);
    }
    return new SourceBody.Other(describeExpression(t), site);
  }

  /** The kind of a literal's type (or a signed numeric literal's), {@code DECLARED} for a string; else null. */
  private static TypeKind literalKind(ExpressionTree t) {
    if (t instanceof UnaryTree u && (u.getKind() == Tree.Kind.UNARY_MINUS || u.getKind() == Tree.Kind.UNARY_PLUS)) {
      TypeKind inner = literalKind(unwrap(u.getExpression()));
      return inner != null && inner.isPrimitive() && inner != TypeKind.BOOLEAN ? inner : null;
    }
    if (!(t instanceof LiteralTree)) {
      return null;
    }
    return switch (t.getKind()) {
      case INT_LITERAL -> TypeKind.INT;
      case LONG_LITERAL -> TypeKind.LONG;
      case FLOAT_LITERAL -> TypeKind.FLOAT;
      case DOUBLE_LITERAL -> TypeKind.DOUBLE;
      case BOOLEAN_LITERAL -> TypeKind.BOOLEAN;
      case CHAR_LITERAL -> TypeKind.CHAR;
      case STRING_LITERAL -> TypeKind.DECLARED;
      default -> null; // null literal: not a constant
    };
  }

  /** {@link SourceBody.Local#matched()} of a declared type's tree. */
  private static String matched(Tree tree) {
    if (tree instanceof AnnotatedTypeTree a) {
      return matched(a.getUnderlyingType());
    }
    if (tree instanceof PrimitiveTypeTree p) {
      return p.getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT);
    }
    if (tree instanceof ArrayTypeTree a) {
      return matched(a.getType()) + "[]";
    }
    if (tree instanceof ParameterizedTypeTree p) {
      return matched(p.getType());
    }
    if (tree instanceof MemberSelectTree ms) {
      return ms.getIdentifier().toString();
    }
    if (tree instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    return "?";
  }

  private Site at(Tree tree) {
    return new Site.OnTree(tree, unit);
  }

  private static ExpressionTree unwrap(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }

  private static final Set<Tree.Kind> LOOPS = Set.of(Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP,
      Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP);

  /** A statement outside the subset as the messages show it (expression statements are mapped). */
  private static String describeStatement(StatementTree s) {
    Tree.Kind k = s.getKind();
    if (k == Tree.Kind.IF) {
      return "an if statement";
    }
    if (LOOPS.contains(k)) {
      return "a loop";
    }
    return "a " + kindName(k) + " statement";
  }

  /** An expression outside the subset as the messages show it (see {@link GraphParser}'s describe). */
  private static String describeExpression(ExpressionTree e) {
    return switch (e.getKind()) {
      case NULL_LITERAL -> "null, which is not a constant value";
      case LAMBDA_EXPRESSION -> "a lambda";
      case MEMBER_REFERENCE -> "a method reference";
      case CONDITIONAL_EXPRESSION -> "a conditional expression";
      case ASSIGNMENT -> "an assignment";
      default -> e instanceof BinaryTree ? "arithmetic or a comparison (" + e + ")"
          : "an expression " + e + " (" + kindName(e.getKind()) + ")";
    };
  }

  private static String kindName(Tree.Kind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
