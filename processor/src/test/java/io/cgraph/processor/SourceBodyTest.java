package io.cgraph.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The source-text reader's int literals (a reduceScatter share's index) read as Java reads them. */
class SourceBodyTest {
  @Test
  void anIntLiteralHasItsJavaValue() {
    assertEquals(0, SourceBody.intLiteral("0"));
    assertEquals(12, SourceBody.intLiteral("12"));
    assertEquals(8, SourceBody.intLiteral("010")); // octal, as javac reads it
    assertEquals(31, SourceBody.intLiteral("0x1F"));
    assertEquals(5, SourceBody.intLiteral("0b101"));
    assertEquals(1000, SourceBody.intLiteral("1_000"));
    assertEquals(Integer.MAX_VALUE, SourceBody.intLiteral("2147483647"));
    assertNull(SourceBody.intLiteral("2147483648"));
    assertNull(SourceBody.intLiteral("1L"));
    assertNull(SourceBody.intLiteral("1.0"));
  }
}
