package dev.fp.world.core;

import java.util.List;

/**
 * Bank view and case timeline vocabulary. The bank view is correlated with truth but noisy: most fraud is
 * confirmed or charged back, a little legitimate traffic is disputed or written off as friendly fraud.
 */
public final class Labels {
  public static final String NO_CASE = "NO_CASE_OPENED";
  public static final String DISPUTE_REJECTED = "CUSTOMER_DISPUTE_REJECTED";
  public static final String CONFIRMED_FRAUD = "BANK_CONFIRMED_FRAUD";
  public static final String CHARGEBACK = "CHARGEBACK_WRITTEN_OFF";
  public static final String CONFIRMED_LEGIT = "BANK_CONFIRMED_LEGIT";
  public static final List<String> BANK_LABELS = List.of(NO_CASE, DISPUTE_REJECTED, CONFIRMED_FRAUD, CHARGEBACK,
      CONFIRMED_LEGIT);
  public static final List<String> CASE_EVENTS = List.of("CASE_OPENED", "DETECTION_EVENT_ATTACHED",
      "CUSTOMER_DISPUTE_FILED", "CHARGEBACK_INITIATED", "CHARGEBACK_DECISION", "CASE_CLOSED");

  private Labels() {
  }

  /** The bank's label for a flow at quantile {@code u}. */
  public static String bankLabel(boolean fraud, double u) {
    if (fraud) {
      return u < 0.45 ? CONFIRMED_FRAUD : u < 0.75 ? CHARGEBACK : u < 0.85 ? DISPUTE_REJECTED : NO_CASE;
    }
    return u < 0.005 ? DISPUTE_REJECTED : u < 0.008 ? CONFIRMED_LEGIT : u < 0.009 ? CHARGEBACK : NO_CASE;
  }

  public static boolean isBankFraud(String bankLabel) {
    return CONFIRMED_FRAUD.equals(bankLabel) || CHARGEBACK.equals(bankLabel);
  }

  /** Case event sequence numbers (index into {@link #CASE_EVENTS}) for a flow's case; empty without a case. */
  public static int[] caseEvents(String bankLabel, boolean fraud) {
    return switch (bankLabel) {
      case CONFIRMED_FRAUD -> new int[] {0, 1, 5};
      case CHARGEBACK -> fraud ? new int[] {0, 1, 2, 3, 4, 5} : new int[] {0, 2, 3, 4, 5};
      case DISPUTE_REJECTED, CONFIRMED_LEGIT -> fraud ? new int[] {0, 1, 2, 5} : new int[] {0, 2, 5};
      default -> new int[0];
    };
  }
}
