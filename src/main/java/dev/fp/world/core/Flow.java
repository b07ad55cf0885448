package dev.fp.world.core;

/**
 * Everything about one arrival and its flow, from which every output row of the world is projected: the arrival
 * (merchant, sequence, time, site or edge), its entities and session, the flow id and amounts (baseline, and with
 * the fraud overlay), the campaign when fraudulent, the response latency, and the truth and bank labels.
 *
 * @param campaignId null unless {@code template} is set
 * @param siteId     0 for a virtual arrival
 * @param edgeId     0 for a physical arrival
 * @param bankLabel  one of {@link Labels#BANK_LABELS}
 */
public record Flow(long index, Merchant merchant, long arrivalSeq, long tsMicros, long bucket, long flowId,
                   long partyId, long accountId, long instrumentId, long deviceId, long ipId, long sessionId,
                   long siteId, long edgeId, double amount, double fraudAmount, Template template, String campaignId,
                   long responseLatencyMicros, String bankLabel) {

  public boolean fraud() {
    return template != null;
  }

  public long responseTsMicros() {
    return tsMicros + responseLatencyMicros;
  }

  public String truthLabel() {
    return template == null ? "LEGIT" : template.truthLabel();
  }

  public boolean bankViewFraud() {
    return Labels.isBankFraud(bankLabel);
  }
}
