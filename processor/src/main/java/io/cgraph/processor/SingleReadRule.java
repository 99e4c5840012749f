package io.cgraph.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code [CGraphRefReadTwice]}: a {@code Ref}'s {@code get} called when an earlier {@code get} on
 * the same variable has completed on every path ({@link Messages#refReadTwice}), or a {@code get}
 * that runs in every iteration of a loop the {@code Ref} was declared outside
 * ({@link Messages#refReadInLoop}; a loop that may leave early, or that catches, is not flagged).
 */
final class SingleReadRule implements MisuseRule<MisuseRule.VariableSet> {
  /** The Ref variables whose {@code get} has completed; a loop body does not count an earlier iteration's reads (afterLoop looks at loops). */
  @Override
  public MisuseRule.VariableSet start() {
    return new MisuseRule.VariableSet(true);
  }

  @Override
  public void onCall(MisuseContext cx, MethodInvocationTree call, Element receiver, ExecutableElement method,
      MisuseRule.VariableSet facts) {
    if (cx.isRefGet(receiver, method)) {
      if (facts.contains(receiver)) {
        cx.report(Messages.refReadTwice(receiver.getSimpleName().toString()), call);
      }
      facts.add(receiver);
    }
  }

  /** A Ref read in every iteration of a loop it was declared outside. */
  @Override
  public void afterLoop(MisuseContext cx, Tree loop, StatementTree body) {
    if (jumpsOrCatches(body)) {
      return; // the loop may end (or retry a timed-out get) after one read
    }
    Set<Element> declaredOrAssigned = cx.assigned(loop);
    Set<Element> flagged = new HashSet<>();
    for (MethodInvocationTree get : unconditionalCalls(body)) {
      if (!(get.getMethodSelect() instanceof MemberSelectTree select)
          || !select.getIdentifier().contentEquals("get")
          || !(cx.unwrap(select.getExpression()) instanceof IdentifierTree id)) {
        continue;
      }
      Element ref = cx.element(id);
      Element method = cx.element(get);
      if (cx.isLocal(ref) && cx.isRef(ref.asType()) && method != null
          && cx.isRef(method.getEnclosingElement().asType()) && !declaredOrAssigned.contains(ref) && flagged.add(ref)) {
        cx.report(Messages.refReadInLoop(ref.getSimpleName().toString()), get);
      }
    }
  }

  /** Whether a loop body may leave the loop or skip ahead (break, continue, return, throw, yield) or catches. */
  private static boolean jumpsOrCatches(Tree body) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitYield(YieldTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitTry(TryTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  /** The calls a loop body makes on every pass: not under a branch, a nested loop, a lambda or a class. */
  private static List<MethodInvocationTree> unconditionalCalls(StatementTree body) {
    List<MethodInvocationTree> calls = new ArrayList<>();
    TreeScanner<Void, Void> expressions = new TreeScanner<>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        super.visitMethodInvocation(node, unused);
        calls.add(node);
        return null;
      }

      @Override
      public Void visitConditionalExpression(ConditionalExpressionTree node, Void unused) {
        return scan(node.getCondition(), null);
      }

      @Override
      public Void visitBinary(BinaryTree node, Void unused) {
        if (node.getKind() == Tree.Kind.CONDITIONAL_AND || node.getKind() == Tree.Kind.CONDITIONAL_OR) {
          return scan(node.getLeftOperand(), null);
        }
        return super.visitBinary(node, unused);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
        return scan(node.getExpression(), null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        scan(node.getEnclosingExpression(), null);
        return scan(node.getArguments(), null);
      }
    };
    List<StatementTree> statements = new ArrayList<>();
    statements.add(body);
    for (int i = 0; i < statements.size(); i++) {
      StatementTree st = statements.get(i);
      if (st instanceof BlockTree b) {
        statements.addAll(b.getStatements());
      } else if (st instanceof LabeledStatementTree l) {
        statements.add(l.getStatement());
      } else if (st instanceof ExpressionStatementTree e) {
        expressions.scan(e.getExpression(), null);
      } else if (st instanceof VariableTree v) {
        expressions.scan(v.getInitializer(), null);
      }
    }
    return calls;
  }
}
