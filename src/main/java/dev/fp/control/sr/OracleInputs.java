package dev.fp.control.sr;

import dev.fp.contract.Catalogue;
import dev.fp.contract.Hashing;
import dev.fp.contract.OracleException;
import dev.fp.control.sr.core.GateMap;
import dev.fp.control.sr.core.SrCodes;
import dev.fp.control.sr.core.SrException;
import dev.fp.oraclestore.EngineWorld;
import dev.fp.oraclestore.OracleRoot;
import dev.fp.oraclestore.Roots;
import dev.fp.substrate.objectstore.ObjectStore;

/**
 * The sealed world a submission names, opened through the oracle's readers: the engine run root with its receipt
 * pins and catalogue ({@link EngineWorld}), the gate map, the pack root and the stream view root. An unreadable run
 * receipt, catalogue or gate map is {@code ENGINE_ROOT_MISSING}. Blocking (object-store roots wait on the port):
 * worker threads only.
 */
record OracleInputs(EngineWorld world, OracleRoot pack, OracleRoot views, GateMap gateMap, String gateMapDigest) {

  static OracleInputs open(SrRequest req, ObjectStore store) {
    try {
      OracleRoot engine = Roots.open(req.engineRunRoot(), () -> store);
      EngineWorld world = EngineWorld.open(engine, req.scenarioId());
      byte[] gateMap = engine.read(Catalogue.GATE_MAP_PATH).orElseThrow(() -> SrException.input(
          SrCodes.ENGINE_ROOT_MISSING, "no gate map at " + engine.locator(Catalogue.GATE_MAP_PATH),
          "the engine run root must ship its interface pack"));
      OracleRoot pack = Roots.open(req.resolvedPackRoot(), () -> store);
      OracleRoot views = req.streamViewRoot() == null || req.streamViewRoot().isBlank()
          ? engine.resolve(SrRequest.STREAM_VIEW_FOLDER) : Roots.open(req.streamViewRoot(), () -> store);
      return new OracleInputs(world, pack, views, GateMap.parse(gateMap, engine.locator(Catalogue.GATE_MAP_PATH)),
          Hashing.sha256Hex(gateMap));
    } catch (OracleException e) {
      throw SrException.input(SrCodes.ENGINE_ROOT_MISSING, e.getMessage(), e.remedy());
    }
  }

  OracleRoot engine() {
    return world.root();
  }
}
