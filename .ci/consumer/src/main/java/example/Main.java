package example;

/** Runs the generated graph and checks every result against the sequential reference (the @Graph method). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    float[] weights = {0.5f, -1f, 2f};
    int n = 1000;
    try (ScoringGraph graph = ScoringGraph.compile(new Tokenizer(), new Model(weights))) {
      for (int i = 0; i < n; i++) {
        String text = "text " + i;
        float got = graph.execute(text).get();
        float want = Pipelines.scoring(text, new Tokenizer(), new Model(weights));
        if (got != want) {
          throw new AssertionError("execution " + i + ": " + got + ", the reference says " + want);
        }
      }
    }
    System.out.println("consumer: " + n + " results equal the sequential reference");
  }
}
