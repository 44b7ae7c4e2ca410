package io.ward.inventory;

import io.ward.model.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence gathered for one device, deduplicated, with the rule that settles conflicts: the
 * value with the highest confidence wins, then the one seen most often, then the most recent, then
 * the alphabetically first (so the outcome never depends on input order).
 */
final class EvidenceSet {

  private record Key(
      String attribute,
      String value,
      String source,
      String observed,
      Optional<String> fingerprint) {
    // Written out rather than left to the record: see io.ward.model.MacAddress#equals.
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key other = (Key) o;
      return Objects.equals(other.attribute, attribute)
          && Objects.equals(other.value, value)
          && Objects.equals(other.source, source)
          && Objects.equals(other.observed, observed)
          && Objects.equals(other.fingerprint, fingerprint);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(attribute);
      h = 31 * h + Objects.hashCode(value);
      h = 31 * h + Objects.hashCode(source);
      h = 31 * h + Objects.hashCode(observed);
      return 31 * h + Objects.hashCode(fingerprint);
    }
  }

  private static final class Acc {
    double confidence;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
  }

  /** One attribute value with its combined weight. */
  record Candidate(String value, double confidence, long count, long last, long first) {}

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble(Candidate::confidence)
          .reversed()
          .thenComparing(Comparator.comparingLong(Candidate::count).reversed())
          .thenComparing(Comparator.comparingLong(Candidate::last).reversed())
          .thenComparing(Candidate::value);

  private final Map<Key, Acc> items = new HashMap<>();

  /** Adds (or strengthens) one piece of evidence. */
  void add(
      String attribute,
      String value,
      String source,
      String observed,
      Optional<String> fingerprint,
      double confidence,
      ValueStat stat) {
    Acc a =
        items.computeIfAbsent(
            new Key(attribute, value, source, observed, fingerprint), k -> new Acc());
    a.confidence = Math.max(a.confidence, confidence);
    a.count += stat.count;
    a.first = Math.min(a.first, stat.first);
    a.last = Math.max(a.last, stat.last);
  }

  /** Candidate values of an attribute, best first. */
  List<Candidate> candidates(String attribute) {
    Map<String, Candidate> byValue = new LinkedHashMap<>();
    items.forEach(
        (k, a) -> {
          if (!k.attribute().equals(attribute)) {
            return;
          }
          byValue.merge(
              k.value(),
              new Candidate(k.value(), a.confidence, a.count, a.last, a.first),
              (x, y) ->
                  new Candidate(
                      x.value(),
                      Math.max(x.confidence(), y.confidence()),
                      x.count() + y.count(),
                      Math.max(x.last(), y.last()),
                      Math.min(x.first(), y.first())));
        });
    List<Candidate> out = new ArrayList<>(byValue.values());
    out.sort(BEST_FIRST);
    return out;
  }

  /** The winning value of an attribute. */
  Optional<Candidate> best(String attribute) {
    List<Candidate> c = candidates(attribute);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  /** All evidence, in a stable order: attribute, confidence (high first), value, source. */
  List<Evidence> toList() {
    List<Evidence> out = new ArrayList<>(items.size());
    items.forEach(
        (k, a) ->
            out.add(
                new Evidence(
                    k.attribute(),
                    k.value(),
                    k.source(),
                    k.observed(),
                    k.fingerprint(),
                    a.confidence,
                    a.first)));
    out.sort(
        Comparator.comparing(Evidence::attribute)
            .thenComparing(Comparator.comparingDouble(Evidence::confidence).reversed())
            .thenComparing(Evidence::value)
            .thenComparing(Evidence::source)
            .thenComparing(Evidence::observed)
            .thenComparing(e -> e.fingerprint().orElse("")));
    return out;
  }
}
