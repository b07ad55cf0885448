package dev.fp.world.core;

import dev.fp.contract.Hashing;

import java.util.HashMap;
import java.util.Map;

/**
 * Generates flow {@code i} of a world of {@code flows} flows as a pure function of the seed and {@code i}
 * (arrival sequence numbers come from {@link ArrivalSeqTable}). Arrivals are numbered in time order. A flow is
 * fraudulent with probability {@code fraudRate}; it then belongs to a campaign instance (template, day) whose few
 * compromised parties, accounts, instruments and devices carry all of its flows — a velocity signal — and its
 * amount is scaled by the template's bounded factor. Not thread-safe (campaign ids are cached).
 */
public final class FlowModel {
  private static final int FRAUD_POOL = 2;
  private static final long SESSION_TIMEOUT_S = 1800;
  private static final double LATENCY_MU = -0.35;
  private static final double LATENCY_SIGMA = 0.50;
  private static final long S_MERCHANT = Draws.stream("flow.merchant");
  private static final long S_TIME = Draws.stream("flow.time");
  private static final long S_FRAUD = Draws.stream("flow.fraud");
  private static final long S_TEMPLATE = Draws.stream("flow.template");
  private static final long S_ENTITY = Draws.stream("flow.entity");
  private static final long S_AMOUNT = Draws.stream("flow.amount");
  private static final long S_FACTOR = Draws.stream("flow.factor");
  private static final long S_LATENCY = Draws.stream("flow.latency");
  private static final long S_BANK = Draws.stream("flow.bank");
  private static final long S_PLACE = Draws.stream("flow.place");
  private static final long S_SESSION = Draws.stream("mlr:6B.session_id.v1");

  private final Draws d;
  private final Horizon horizon;
  private final MerchantBook merchants;
  private final WorldPins pins;
  private final long flows;
  private final double fraudRate;
  private final long parties;
  private final long ipCount;
  private final Map<Long, String> campaignIds = new HashMap<>();
  private final Ids flowIds;
  private final Ids partyIds;
  private final Ids accountIds;
  private final Ids instrumentIds;
  private final Ids deviceIds;
  private final Ids ipIds;
  private final Ids siteIds;
  private final Ids edgeIds;
  private final Ids fraudIds;
  private final long caseKey;

  public FlowModel(Draws draws, Horizon horizon, MerchantBook merchants, WorldPins pins, long flows,
                   double fraudRate) {
    this.d = draws;
    this.horizon = horizon;
    this.merchants = merchants;
    this.pins = pins;
    this.flows = flows;
    this.fraudRate = fraudRate;
    this.parties = Math.max(50, flows / 6);
    this.ipCount = Math.max(20, parties / 4);
    long seed = draws.seed();
    flowIds = new Ids(seed, "flow_id");
    partyIds = new Ids(seed, "party_id");
    accountIds = new Ids(seed, "account_id");
    instrumentIds = new Ids(seed, "instrument_id");
    deviceIds = new Ids(seed, "device_id");
    ipIds = new Ids(seed, "ip_id");
    siteIds = new Ids(seed, "site_id");
    edgeIds = new Ids(seed, "edge_id");
    fraudIds = new Ids(seed, "fraud_entity_id");
    caseKey = Draws.stream("mlr:6B.case_id.v1:" + pins.manifestFingerprint());
  }

  /** Merchant index of flow {@code i} (cheap: the arrival-sequence table calls it for every flow). */
  public int merchantOf(long i) {
    return merchants.pick(d.uniform(S_MERCHANT, i));
  }

  public Flow flow(long i, long arrivalSeq) {
    Merchant m = merchants.get(merchantOf(i));
    long ts = horizon.at((i + d.uniform(S_TIME, i)) / flows);
    Template template = d.uniform(S_FRAUD, i) < fraudRate ? Template.pick(d.uniform(S_TEMPLATE, i)) : null;
    long[] entities = template == null ? legitEntities(i) : fraudEntities(i, template, ts);
    double amount = amount(m, i);
    double fraudAmount = template == null ? amount : round2(Math.max(0.01, amount * template.factor(
        d.uniform(S_FACTOR, i))));
    long place = placeId(m, i);
    String bank = Labels.bankLabel(template != null, d.uniform(S_BANK, i));
    return new Flow(i, m, arrivalSeq, ts, horizon.bucket(ts), flowIds.id(i), entities[0], entities[1],
        entities[2], entities[3], entities[4], session(entities[0], entities[3], ts), m.virtual() ? 0 : place,
        m.virtual() ? place : 0, amount, fraudAmount, template,
        template == null ? null : campaignId(template, horizon.day(ts)), latency(i), bank);
  }

  /** party, account, instrument, device, ip of a legitimate flow: skewed towards frequent customers. */
  private long[] legitEntities(long i) {
    double u = d.uniform(S_ENTITY, 4 * i);
    long party = (long) (parties * u * u);
    long account = 2 * party + (d.uniform(S_ENTITY, 4 * i + 1) < 0.7 ? 0 : 1);
    long instrument = 2 * account + (d.uniform(S_ENTITY, 4 * i + 2) < 0.8 ? 0 : 1);
    long device = 2 * party + (d.uniform(S_ENTITY, 4 * i + 3) < 0.8 ? 0 : 1);
    long ip = Math.floorMod(Draws.mix(device * 31 + 7), ipCount);
    return new long[] {partyIds.id(party), accountIds.id(account), instrumentIds.id(instrument),
        deviceIds.id(device), ipIds.id(ip)};
  }

  /** The entities of a campaign instance's small compromised pool. */
  private long[] fraudEntities(long i, Template t, long ts) {
    long instance = horizon.day(ts) * Template.values().length + t.ordinal();
    long slot = instance * FRAUD_POOL + d.below(S_ENTITY, 4 * i, FRAUD_POOL);
    return new long[] {fraudIds.id(5 * slot), fraudIds.id(5 * slot + 1), fraudIds.id(5 * slot + 2),
        fraudIds.id(5 * slot + 3), fraudIds.id(5 * (slot / 2) + 4)};
  }

  private double amount(Merchant m, long i) {
    double a = StrictMath.exp(m.priceLevel() + 0.6 * d.normal(S_AMOUNT, i));
    return round2(Math.min(5000.0, Math.max(0.5, a)));
  }

  private long placeId(Merchant m, long i) {
    return m.virtual() ? edgeIds.id(4L * m.index() + d.below(S_PLACE, i, 4))
        : siteIds.id(8L * m.index() + d.below(S_PLACE, i, m.sites()));
  }

  private long latency(long i) {
    double seconds = StrictMath.exp(LATENCY_MU + LATENCY_SIGMA * d.normal(S_LATENCY, i));
    return Math.round(Math.min(60.0, Math.max(0.001, seconds)) * 1_000_000L);
  }

  private long session(long party, long device, long ts) {
    long window = Math.floorDiv(ts, 1_000_000L) / SESSION_TIMEOUT_S;
    return Ids.positive(Draws.mix(S_SESSION ^ Draws.mix(party * 31 + device)
        ^ Draws.mix(window + d.seed())));
  }

  /** sha256 of {@code "{mf}:{ph}:{seed}:{scenario_id}:{template_id}:{instance_index}"}, instance = day index. */
  public String campaignId(Template t, long day) {
    return campaignIds.computeIfAbsent(day * 16 + t.ordinal(), k -> Hashing.sha256Hex(pins.manifestFingerprint()
        + ":" + pins.parameterHash() + ":" + pins.seed() + ":" + pins.scenarioId() + ":" + t.name() + ":" + day));
  }

  /** Case id: positive id64 of ("mlr:6B.case_id.v1", mf, seed, flow_id); at most one case per flow. */
  public long caseId(long flowId) {
    return Ids.positive(Draws.mix(caseKey ^ Draws.mix(flowId + pins.seed())));
  }

  static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
