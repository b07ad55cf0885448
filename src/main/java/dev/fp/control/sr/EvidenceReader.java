package dev.fp.control.sr;

import dev.fp.contract.Catalogue;
import dev.fp.contract.Hashing;
import dev.fp.contract.OracleException;
import dev.fp.contract.PackManifest;
import dev.fp.contract.StreamViewDocs;
import dev.fp.contract.WorldKey;
import dev.fp.control.sr.core.GateEvidence;
import dev.fp.control.sr.core.GateMap;
import dev.fp.control.sr.core.OutputEvidence;
import dev.fp.control.sr.core.PackEvidence;
import dev.fp.control.sr.core.RunPlan;
import dev.fp.oraclestore.OracleRoot;
import org.apache.parquet.io.SeekableInputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads, for a plan, everything {@link dev.fp.control.sr.core.EvidenceCheck} judges: the pack manifest and seal,
 * every required gate's flag and bundle files, and per intended output its engine files (content digest = sha256 over
 * the concatenated bytes of every matched file in path order, streamed) and its stream view receipt, manifest and
 * part list. Reading only: missing things come back empty for the core to classify. Blocking.
 */
final class EvidenceReader {
  private static final int CHUNK = 1024 * 1024;

  private final OracleInputs in;

  EvidenceReader(OracleInputs in) {
    this.in = in;
  }

  /** What was read, in plan order. */
  record Read(PackEvidence pack, List<GateMap.Gate> gates, List<GateEvidence> gateEvidence,
              List<OutputEvidence> outputs) {
  }

  Read read(RunPlan plan) {
    List<GateMap.Gate> gates = new ArrayList<>();
    List<GateEvidence> gateEvidence = new ArrayList<>();
    for (String gateId : plan.requiredGates()) {
      GateMap.Gate gate = in.gateMap().find(gateId).orElseThrow();
      gates.add(gate);
      gateEvidence.add(gate(gate));
    }
    List<OutputEvidence> outputs = new ArrayList<>();
    for (String outputId : plan.intendedOutputs()) {
      outputs.add(output(outputId));
    }
    return new Read(pack(), gates, gateEvidence, outputs);
  }

  private PackEvidence pack() {
    OracleRoot p = in.pack();
    byte[] catalogue = in.engine().read(Catalogue.PATH).orElse(new byte[0]);
    return new PackEvidence(p.uri(), p.read(PackManifest.MANIFEST), p.locator(PackManifest.MANIFEST),
        p.read(PackManifest.SEAL), p.locator(PackManifest.SEAL), Hashing.sha256Hex(catalogue), in.gateMapDigest());
  }

  private GateEvidence gate(GateMap.Gate gate) {
    WorldKey key = in.world().key();
    OracleRoot engine = in.engine();
    String bundleRoot = key.render(gate.bundleRootTemplate());
    String folder = bundleRoot.endsWith("/") ? bundleRoot : bundleRoot + "/";
    String flag = key.render(gate.passedFlagTemplate());
    String index = key.render(gate.indexTemplate());
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String k : engine.list(folder)) {
      engine.read(k).ifPresent(bytes -> files.put(k.substring(folder.length()), bytes));
    }
    String indexName = index.startsWith(folder) ? index.substring(folder.length()) : index;
    return new GateEvidence(gate.gateId(), engine.locator(bundleRoot), engine.locator(index), engine.locator(flag),
        indexName, engine.read(flag), files);
  }

  private OutputEvidence output(String outputId) {
    WorldKey key = in.world().key();
    OracleRoot engine = in.engine();
    Catalogue.Entry entry = in.world().catalogue().find(outputId).orElseThrow();
    String pathRef = engine.locator(key.render(entry.pathTemplate()));
    List<String> sources = sources(outputId);
    Optional<String> digest = sources.isEmpty() ? Optional.empty() : Optional.of(contentDigest(engine, sources));
    StreamViewDocs.ViewId view = sources.isEmpty() ? null : new StreamViewDocs.ViewId(
        StreamViewDocs.streamViewId(engine.uri(), key.scenarioId(), outputId), engine.uri(), in.views().uri(),
        outputId, StreamViewDocs.sourceLocatorDigest(sources.stream().map(engine::locator).toList()));
    OracleRoot views = in.views();
    String prefix = "output_id=" + outputId + "/";
    List<String> files = views.list(prefix).stream().map(k -> k.substring(prefix.length())).toList();
    return new OutputEvidence(outputId, entry.pathTemplate(), pathRef, digest, sources.size(),
        views.locator(prefix.substring(0, prefix.length() - 1)), view,
        views.read(prefix + StreamViewDocs.RECEIPT), views.locator(prefix + StreamViewDocs.RECEIPT),
        views.read(prefix + StreamViewDocs.MANIFEST), views.locator(prefix + StreamViewDocs.MANIFEST), files);
  }

  private List<String> sources(String outputId) {
    try {
      return in.world().sources(outputId);
    } catch (OracleException e) {
      if ("OUTPUT_PATHS_EMPTY".equals(e.code())) {
        return List.of();
      }
      throw e;
    }
  }

  /** sha256 over the concatenated bytes of the files, in the given (path) order, streamed in 1 MiB chunks. */
  static String contentDigest(OracleRoot root, List<String> keys) {
    MessageDigest md = sha256();
    byte[] buf = new byte[CHUNK];
    for (String k : keys) {
      try (SeekableInputStream s = root.inputFile(k).newStream()) {
        for (int n = s.read(buf, 0, buf.length); n > 0; n = s.read(buf, 0, buf.length)) {
          md.update(buf, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("SR content digest of " + root.locator(k), e);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
