package dev.fp.rtdl.df.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The world's truth per flow ({@code s4_flow_truth_labels_6B}: {@code flow_id, is_fraud_truth, fraud_label}), held
 * compactly for the decision-quality join: flow ids sorted in a {@code long[]} with one label index per flow in a
 * {@code byte[]} (9 bytes a flow: 9 MB at 1 000 000 flows), looked up by binary search. Never seen by a decision.
 */
public final class FlowTruth {
  public static final String LEGIT = "LEGIT";
  private final long[] flowIds;
  private final byte[] labelOf;
  private final List<String> labels;
  private final boolean[] fraudOf;

  private FlowTruth(long[] flowIds, byte[] labelOf, List<String> labels, boolean[] fraudOf) {
    this.flowIds = flowIds;
    this.labelOf = labelOf;
    this.labels = labels;
    this.fraudOf = fraudOf;
  }

  /** Number of flows with a truth label. */
  public int size() {
    return flowIds.length;
  }

  /** The position of {@code flowId} (0..size-1), or -1 when the world has no truth for it. */
  public int indexOf(long flowId) {
    int at = Arrays.binarySearch(flowIds, flowId);
    return at < 0 ? -1 : at;
  }

  /** The truth label at {@code index}: the world's {@code fraud_label} (FRAUD, ABUSE …), or LEGIT. */
  public String label(int index) {
    return labels.get(labelOf[index]);
  }

  public boolean fraud(int index) {
    return fraudOf[labelOf[index]];
  }

  /** Collects truth rows in any order; {@link #build} sorts them once. */
  public static final class Builder {
    private long[] ids = new long[1024];
    private byte[] codes = new byte[1024];
    private int n;
    private final List<String> labels = new ArrayList<>();
    private final List<Boolean> fraud = new ArrayList<>();

    /**
     * @param fraudLabel the row's {@code fraud_label}; null means FRAUD for a fraud row and LEGIT otherwise
     * @throws IllegalArgumentException when one label is both fraud and not, or there are more than 127 labels
     */
    public Builder add(long flowId, boolean isFraud, String fraudLabel) {
      String label = fraudLabel != null ? fraudLabel : isFraud ? "FRAUD" : LEGIT;
      int code = labels.indexOf(label);
      if (code < 0) {
        if (labels.size() == Byte.MAX_VALUE) {
          throw new IllegalArgumentException("flow truth: more than " + Byte.MAX_VALUE + " distinct labels");
        }
        labels.add(label);
        fraud.add(isFraud);
        code = labels.size() - 1;
      } else if (fraud.get(code) != isFraud) {
        throw new IllegalArgumentException("flow truth: label " + label + " is both fraud and not (flow " + flowId
            + ")");
      }
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
        codes = Arrays.copyOf(codes, n * 2);
      }
      ids[n] = flowId;
      codes[n] = (byte) code;
      n++;
      return this;
    }

    /** @throws IllegalArgumentException when a flow id appears twice */
    public FlowTruth build() {
      long[] sortedIds = Arrays.copyOf(ids, n);
      Arrays.sort(sortedIds);
      for (int i = 1; i < n; i++) {
        if (sortedIds[i] == sortedIds[i - 1]) {
          throw new IllegalArgumentException("flow truth: flow " + sortedIds[i] + " has two truth rows");
        }
      }
      // ids are unique, so each row's label lands at its id's sorted position (no boxed index sort)
      byte[] sortedCodes = new byte[n];
      for (int i = 0; i < n; i++) {
        sortedCodes[Arrays.binarySearch(sortedIds, ids[i])] = codes[i];
      }
      boolean[] fraudOf = new boolean[labels.size()];
      for (int i = 0; i < fraudOf.length; i++) {
        fraudOf[i] = fraud.get(i);
      }
      return new FlowTruth(sortedIds, sortedCodes, List.copyOf(labels), fraudOf);
    }
  }
}
