package dev.fp.rtdl.ieg.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The cache answers exactly what {@link EntityIds#entityId} computes, across scopes and past its bound. */
class EntityIdCacheTest {

  @Test
  void answersTheComputedIdAcrossScopesAndEviction() {
    EntityIdCache cache = new EntityIdCache();
    IdentityHint party = new IdentityHint("party_id", "p-1", "party");
    String scopeA = "run_a|mf|ph|7|sc|sr|r";
    String scopeB = "run_b|mf|ph|7|sc|sr|r";
    assertEquals(EntityIds.entityId(party, scopeA), cache.entityId(party, scopeA));
    assertEquals(EntityIds.entityId(party, scopeA), cache.entityId(party, scopeA));
    assertEquals(EntityIds.entityId(party, scopeB), cache.entityId(party, scopeB), "a new scope is not served stale");
    assertNotEquals(cache.entityId(party, scopeA), cache.entityId(party, scopeB));
    for (int i = 0; i <= EntityIdCache.MAX + 10; i++) {
      IdentityHint h = new IdentityHint("device_id", "d-" + i, "device");
      assertEquals(EntityIds.entityId(h, scopeA), cache.entityId(h, scopeA));
    }
    assertEquals(EntityIds.entityId(party, scopeA), cache.entityId(party, scopeA));
  }
}
