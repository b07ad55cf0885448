package dev.fp.rtdl.dl;

import dev.fp.contract.Timestamps;
import dev.fp.platform.JsonFiles;
import dev.fp.platform.stream.StreamArtifacts;
import dev.fp.rtdl.dl.core.SignalSample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the ladder's signals come from ({@code signals:} of the policy file): a component's health file, the consumer
 * lag in components' metrics files, or the ladder's own store (sampled by the verticle). Reading is blocking: call
 * {@link #sampleFiles} from a worker.
 */
final class SignalSources {
  static final String STATE_STORE = "state_store";

  private sealed interface Source permits ComponentHealth, ConsumerLag, StateStoreProbe {
  }

  private record ComponentHealth(String component, List<String> okStates) implements Source {
  }

  private record ConsumerLag(List<String> components, double maxSecondsBehind) implements Source {
  }

  private record StateStoreProbe() implements Source {
  }

  private final Map<String, Source> sources;

  private SignalSources(Map<String, Source> sources) {
    this.sources = sources;
  }

  /** Parses {@code signals:}; every tracked signal must have a source. */
  @SuppressWarnings("unchecked")
  static SignalSources parse(Map<String, Object> policyDoc, List<String> tracked) {
    if (!(policyDoc.get("signals") instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException("signals must be a mapping of signal name to source");
    }
    Map<String, Source> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> def)) {
        throw new IllegalArgumentException("signals." + name + " must be a mapping");
      }
      Map<String, Object> d = (Map<String, Object>) def;
      out.put(name, switch (String.valueOf(d.get("kind"))) {
        case "component_health" -> new ComponentHealth(text(d, "component", name),
            d.get("ok_states") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of("GREEN"));
        case "consumer_lag" -> new ConsumerLag(
            d.get("components") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(),
            d.get("max_seconds_behind") instanceof Number n ? n.doubleValue() : 120.0);
        case STATE_STORE -> new StateStoreProbe();
        default -> throw new IllegalArgumentException("signals." + name
            + ".kind must be component_health, consumer_lag or state_store, found " + d.get("kind"));
      });
    }
    for (String t : tracked) {
      if (!out.containsKey(t)) {
        throw new IllegalArgumentException("signal " + t + " is tracked by the policy but has no source in signals");
      }
    }
    return new SignalSources(out);
  }

  /** The signals sampled from the store by the verticle rather than from files. */
  List<String> storeSignals() {
    return sources.entrySet().stream().filter(e -> e.getValue() instanceof StateStoreProbe).map(Map.Entry::getKey)
        .toList();
  }

  /** One sample per file-based signal whose files exist; a signal without its files gives no sample (MISSING). */
  List<SignalSample> sampleFiles(Path runRoot) {
    List<SignalSample> out = new ArrayList<>();
    for (Map.Entry<String, Source> e : sources.entrySet()) {
      Source source = e.getValue();
      SignalSample s = source instanceof ComponentHealth h ? health(e.getKey(), h, runRoot)
          : source instanceof ConsumerLag l ? lag(e.getKey(), l, runRoot) : null;
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static SignalSample health(String name, ComponentHealth h, Path runRoot) {
    Path file = runRoot.resolve(h.component()).resolve("health/last_health.json");
    Map<String, Object> doc = readOrNull(file);
    if (doc == null) {
      return null;
    }
    String state = String.valueOf(doc.get("health_state"));
    return new SignalSample(name, observedAt(doc), h.okStates().contains(state), file.toString(),
        "health_state=" + state + " reasons=" + doc.getOrDefault("health_reasons", List.of()));
  }

  @SuppressWarnings("unchecked")
  private static SignalSample lag(String name, ConsumerLag l, Path runRoot) {
    double worst = 0;
    String worstComponent = "";
    Instant oldest = null;
    for (String c : l.components()) {
      Map<String, Object> doc = readOrNull(runRoot.resolve(c).resolve("metrics/last_metrics.json"));
      if (doc == null || !(doc.get(StreamArtifacts.CONSUMER) instanceof Map<?, ?> consumer)) {
        return null;
      }
      Object behind = ((Map<String, Object>) consumer).get("seconds_behind");
      double seconds = behind instanceof Number n ? n.doubleValue() : 0;
      if (seconds >= worst) {
        worst = seconds;
        worstComponent = c;
      }
      Instant at = observedAt(doc);
      oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
    }
    if (oldest == null) {
      return null;
    }
    return new SignalSample(name, oldest, worst <= l.maxSecondsBehind(), "consumer_lag:" + l.components(),
        "max_seconds_behind=" + worst + " (" + worstComponent + ") limit=" + l.maxSecondsBehind());
  }

  private static Instant observedAt(Map<String, Object> doc) {
    try {
      return Timestamps.parse(String.valueOf(doc.get("generated_at_utc")));
    } catch (IllegalArgumentException e) {
      return Instant.EPOCH;    // unreadable stamp: the sample is as good as stale
    }
  }

  private static Map<String, Object> readOrNull(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JsonFiles.read(file);
    } catch (RuntimeException e) {
      return null;             // being rewritten or corrupt: no sample this tick
    }
  }

  private static String text(Map<String, Object> d, String key, String name) {
    if (!(d.get(key) instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("signals." + name + "." + key + " must be a non-empty string");
    }
    return s;
  }
}
