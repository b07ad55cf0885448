package dev.fp.world.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The merchants of a world and their popularity: merchant {@code k} (0-based) gets arrivals with Zipf weight
 * {@code 1/(k+1)}, so with 1 000 merchants the largest takes ~13% (as the reference world did). About 3% of the
 * merchants past the first five sell online only.
 */
public final class MerchantBook {
  static final String[] ZONES = {"Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome",
      "Europe/Amsterdam", "Europe/Warsaw", "Europe/Dublin", "America/New_York", "America/Chicago",
      "America/Denver", "America/Los_Angeles", "America/Toronto", "America/Sao_Paulo", "America/Mexico_City",
      "Asia/Tokyo", "Asia/Singapore", "Asia/Kolkata", "Asia/Dubai", "Asia/Hong_Kong", "Australia/Sydney",
      "Africa/Lagos", "Africa/Johannesburg", "Pacific/Auckland"};
  private static final String[] SETTLEMENT = {"Europe/Dublin", "Europe/Amsterdam", "America/New_York"};

  private final List<Merchant> merchants = new ArrayList<>();
  private final double[] cdf;

  public MerchantBook(Draws draws, int count) {
    Ids ids = new Ids(draws.seed(), "merchant_id");
    long s = Draws.stream("merchant");
    cdf = new double[count];
    double total = 0;
    for (int k = 0; k < count; k++) {
      merchants.add(merchant(draws, ids, s, k));
      total += 1.0 / (k + 1);
      cdf[k] = total;
    }
    for (int k = 0; k < count; k++) {
      cdf[k] /= total;
    }
  }

  /** How many merchants a world of {@code flows} flows has: 1 per 500 flows, between 20 and 1 000. */
  public static int countFor(long flows) {
    return (int) Math.max(20, Math.min(1000, flows / 500));
  }

  private static Merchant merchant(Draws d, Ids ids, long s, int k) {
    String tz = ZONES[d.below(s, 8L * k, ZONES.length)];
    boolean virtual = k >= 5 && d.uniform(s, 8L * k + 1) < 0.03;
    String channel = virtual ? "card_not_present" : d.uniform(s, 8L * k + 2) < 0.7 ? "card_present" : "mixed";
    int sites = 1 + d.below(s, 8L * k + 3, 6);
    double price = StrictMath.log(5.0) + d.uniform(s, 8L * k + 4) * StrictMath.log(30.0);
    String settlement = virtual ? SETTLEMENT[d.below(s, 8L * k + 5, SETTLEMENT.length)] : null;
    return new Merchant(k, ids.id(k), tz, Merchant.rules(tz), virtual, channel, sites, price, settlement,
        settlement == null ? null : Merchant.rules(settlement));
  }

  public int size() {
    return merchants.size();
  }

  public Merchant get(int index) {
    return merchants.get(index);
  }

  /** The merchant at popularity quantile {@code u} in [0, 1). */
  public int pick(double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
