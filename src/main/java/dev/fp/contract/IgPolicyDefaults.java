package dev.fp.contract;

/**
 * The policy id and revision IG stamps on its receipts when {@code components.ig} declares none: IG applies them and
 * environment conformance checks receipts against them, so both read them here.
 */
public final class IgPolicyDefaults {
  public static final String POLICY_ID = "ig_policy";
  public static final String POLICY_REVISION = "v0";

  private IgPolicyDefaults() {
  }
}
