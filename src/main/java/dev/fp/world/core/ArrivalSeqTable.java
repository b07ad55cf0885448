package dev.fp.world.core;

/**
 * Per-merchant arrival sequence numbers for random-access generation: for each chunk, how many arrivals each
 * merchant had in all earlier chunks. {@code arrival_seq} of a flow = that count + its rank among the merchant's
 * arrivals inside the chunk + 1, so it runs 1, 2, 3… per merchant in time order. Memory: chunks × merchants ints
 * (at most 4 096 × 1 000).
 */
public final class ArrivalSeqTable {
  private final int merchants;
  private final int[] before;

  public ArrivalSeqTable(FlowModel model, ChunkPlan plan, int merchants) {
    this.merchants = merchants;
    this.before = new int[plan.chunks() * merchants];
    int[] running = new int[merchants];
    for (int c = 0; c < plan.chunks(); c++) {
      System.arraycopy(running, 0, before, c * merchants, merchants);
      for (long i = plan.firstFlow(c); i < plan.endFlow(c); i++) {
        running[model.merchantOf(i)]++;
      }
    }
  }

  /** Arrivals of {@code merchant} before chunk {@code chunk}. */
  public int before(int chunk, int merchant) {
    return before[chunk * merchants + merchant];
  }
}
