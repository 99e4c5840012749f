package io.cgraph.graphtests;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** String work that must survive any Unicode, including surrogate pairs and null. */
@Actor
public class Strings {
  @GraphMethod
  public String concat(String a, String b) {
    return a + b;
  }

  @GraphMethod
  public int codePoints(String s) {
    return s == null ? -1 : s.codePointCount(0, s.length());
  }

  @GraphMethod
  public String reverse(String s) {
    return s == null ? null : new StringBuilder(s).reverse().toString();
  }

  @GraphMethod
  public String describe(String s, int n, double d, boolean flag) {
    return (flag ? "+" : "-") + s + "#" + n + "@" + d;
  }
}
