package dev.fp.substrate.eventlog;

import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consumer-group holder ids, {@code <group>@pid<pid>-<random>@<host>}, and the one case where a holder is provably
 * dead before its lease expires: it ran on this host, in another process, and that process is gone. A process killed
 * with {@code kill -9} never releases its leases; without this a restart waits out the whole TTL. Any doubt (another
 * host, an id without host, a pid that is alive — perhaps reused) leaves the lease to expire normally.
 */
public final class LeaseHolders {
  private static final Pattern ID = Pattern.compile("@pid(\\d+)-[0-9a-f]{8}@(.+)$");
  private static final String HOST = localHost();

  private LeaseHolders() {
  }

  /** A fresh holder id for an instance of {@code groupId} in this process. */
  public static String newHolder(String groupId) {
    return holder(groupId, ProcessHandle.current().pid(), HOST);
  }

  static String holder(String groupId, long pid, String host) {
    return groupId + "@pid" + pid + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + host;
  }

  static String host() {
    return HOST;
  }

  /** True only when {@code holder} names a process of this host other than this one that no longer runs. */
  public static boolean provablyDead(String holder) {
    Matcher m = ID.matcher(holder);
    if (!m.find() || !m.group(2).equals(HOST)) {
      return false;
    }
    long pid = Long.parseLong(m.group(1));
    if (pid == ProcessHandle.current().pid()) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    return p.isEmpty() || !p.get().isAlive();
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown-host";
    }
  }
}
