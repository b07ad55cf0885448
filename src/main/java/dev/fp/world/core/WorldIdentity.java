package dev.fp.world.core;

import dev.fp.contract.Hashing;
import dev.fp.contract.Timestamps;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine identity of a generated world, built the way the engine builds its own, from the generator's
 * parameters instead of parameter files: {@code parameter_hash} = sha256 over name-sorted blocks
 * sha256(len32le(name) || name || sha256(value)); {@code manifest_fingerprint} = sha256 over the blocks of the
 * sealed inputs (the generator model), a 32-byte build id and the raw parameter hash; {@code run_id} = the first
 * 16 bytes of sha256(len32le("run:1A") || "run:1A" || mf || seed u64le || 0 u64le) — no wall clock, so the world
 * is reproducible. The seed, scenario and part count are not parameters: they pick a realisation and a layout.
 */
public record WorldIdentity(String parameterHash, String manifestFingerprint, String runId) {
  public static final String GENERATOR = "fp-world";
  public static final String GENERATOR_VERSION = "1";
  static final String MODEL = "flows-per-merchant=500;merchants=20..1000;zipf=1.0;hour-weights=v1;templates=6;"
      + "fraud-pool=2;latency=lognormal(-0.35,0.5)[0.001,60];bank-view=v1;cases=v1";

  public static WorldIdentity derive(WorldParams p) {
    Map<String, String> params = new TreeMap<>();
    params.put("flows", Long.toString(p.flows()));
    params.put("fraud_rate", Double.toString(p.fraudRate()));
    params.put("generator_version", GENERATOR_VERSION);
    params.put("horizon_end", Timestamps.format(p.end()));
    params.put("horizon_start", Timestamps.format(p.start()));
    byte[] ph = Hashing.sha256(blocks(params));
    ByteArrayOutputStream mf = new ByteArrayOutputStream();
    mf.writeBytes(blocks(Map.of("generator_model", MODEL)));
    mf.writeBytes(Hashing.sha256((GENERATOR + "/" + GENERATOR_VERSION).getBytes(StandardCharsets.UTF_8)));
    mf.writeBytes(ph);
    byte[] fingerprint = Hashing.sha256(mf.toByteArray());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    run.writeBytes(named("run:1A"));
    run.writeBytes(fingerprint);
    run.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(p.seed()).putLong(0).array());
    byte[] runId = Hashing.sha256(run.toByteArray());
    HexFormat hex = HexFormat.of();
    return new WorldIdentity(hex.formatHex(ph), hex.formatHex(fingerprint), hex.formatHex(runId, 0, 16));
  }

  private static byte[] blocks(Map<String, String> namedValues) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TreeMap<>(namedValues).forEach((name, value) -> {
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      block.writeBytes(named(name));
      block.writeBytes(Hashing.sha256(value.getBytes(StandardCharsets.UTF_8)));
      out.writeBytes(Hashing.sha256(block.toByteArray()));
    });
    return out.toByteArray();
  }

  private static byte[] named(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).put(bytes)
        .array();
  }

  public WorldPins pins(WorldParams p) {
    return new WorldPins(manifestFingerprint, parameterHash, p.seed(), p.scenarioId(), runId);
  }
}
