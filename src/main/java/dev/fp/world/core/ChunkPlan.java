package dev.fp.world.core;

import java.util.ArrayList;
import java.util.List;

/**
 * How flows are laid out in part files so that parts are unsorted, as an engine's are: flows (numbered in time
 * order) are cut into chunks of consecutive flows, the chunks are shuffled and dealt round-robin to the parts, and
 * each part visits its chunks in that shuffled order; rows inside a chunk are shuffled too. There are at most
 * {@value #MAX_CHUNKS} chunks (so per-chunk tables stay small for any N) and at least 8 per part when N allows.
 */
public final class ChunkPlan {
  static final int MAX_CHUNKS = 4096;
  private static final int MAX_CHUNK_FLOWS = 4096;

  private final long flows;
  private final long chunkFlows;
  private final int chunks;
  private final List<List<Integer>> partChunks = new ArrayList<>();

  public ChunkPlan(Draws draws, long flows, int parts) {
    this.flows = flows;
    long perPartTarget = Math.max(1, flows / (8L * parts));
    long size = Math.min(MAX_CHUNK_FLOWS, perPartTarget);
    size = Math.max(size, (flows + MAX_CHUNKS - 1) / MAX_CHUNKS);
    this.chunkFlows = Math.max(1, size);
    this.chunks = (int) ((flows + chunkFlows - 1) / chunkFlows);
    int[] order = shuffled(draws, chunks);
    for (int p = 0; p < parts; p++) {
      partChunks.add(new ArrayList<>());
    }
    for (int j = 0; j < chunks; j++) {
      partChunks.get(j % parts).add(order[j]);
    }
  }

  static int[] shuffled(Draws draws, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    long s = Draws.stream("chunk.shuffle");
    for (int i = n - 1; i > 0; i--) {
      int j = draws.below(s, i, i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  public int chunks() {
    return chunks;
  }

  public long chunkFlows() {
    return chunkFlows;
  }

  public long firstFlow(int chunk) {
    return chunk * chunkFlows;
  }

  public long endFlow(int chunk) {
    return Math.min(flows, (chunk + 1) * chunkFlows);
  }

  /** Chunks of part {@code p}, in the order the part holds them. */
  public List<Integer> chunksOf(int part) {
    return partChunks.get(part);
  }
}
