package io.ward.inventory;

import io.ward.model.Software;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The software seen on one device, one item per vendor and product (ignoring case): each piece of
 * evidence names a product and maybe its version; the item's version is the one of its best
 * evidence that names one (highest confidence, then seen most often, then most recent, then the
 * alphabetically first, so the outcome never depends on input order). Evidence that names no vendor
 * (an HL7 SFT segment without SFT-1) joins the one item of the same product that has a vendor.
 */
final class SoftwareSet {

  private record Key(
      Optional<String> vendor,
      String product,
      Optional<String> version,
      String source,
      String observed,
      Optional<String> fingerprint) {}

  private static final class Acc {
    double confidence;
    long count;
    long last = Long.MIN_VALUE;
  }

  private final Map<Key, Acc> items = new HashMap<>();

  void add(
      Optional<String> vendor,
      String product,
      Optional<String> version,
      String source,
      String observed,
      Optional<String> fingerprint,
      double confidence,
      ValueStat stat) {
    Acc a =
        items.computeIfAbsent(
            new Key(vendor, product, version, source, observed, fingerprint), k -> new Acc());
    a.confidence = Math.max(a.confidence, confidence);
    a.count += stat.count;
    a.last = Math.max(a.last, stat.last);
  }

  private record Piece(Key key, double confidence, long count, long last) {}

  private static final Comparator<Piece> BEST_FIRST =
      Comparator.comparingDouble(Piece::confidence)
          .reversed()
          .thenComparing(Comparator.comparingLong(Piece::count).reversed())
          .thenComparing(Comparator.comparingLong(Piece::last).reversed())
          .thenComparing(p -> p.key().version().orElse(""))
          .thenComparing(p -> p.key().vendor().orElse(""))
          .thenComparing(p -> p.key().product())
          .thenComparing(p -> p.key().source())
          .thenComparing(p -> p.key().observed())
          .thenComparing(p -> p.key().fingerprint().orElse(""));

  /** One item per vendor and product, most confident first, then by label. */
  List<Software> toList() {
    if (items.isEmpty()) {
      return List.of();
    }
    Map<String, List<Piece>> byItem = new LinkedHashMap<>();
    List<Piece> all = new ArrayList<>();
    items.forEach((k, a) -> all.add(new Piece(k, a.confidence, a.count, a.last)));
    all.sort(BEST_FIRST);
    for (Piece p : all) {
      if (p.key().vendor().isPresent()) {
        byItem.computeIfAbsent(itemKey(p.key()), k -> new ArrayList<>()).add(p);
      }
    }
    for (Piece p : all) {
      if (p.key().vendor().isEmpty()) {
        String product = p.key().product().toLowerCase(Locale.ROOT);
        List<String> vendored =
            byItem.keySet().stream().filter(k -> k.endsWith("\u0000" + product)).toList();
        String key = vendored.size() == 1 ? vendored.get(0) : itemKey(p.key());
        byItem.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      }
    }
    List<Software> out = new ArrayList<>();
    for (List<Piece> pieces : byItem.values()) {
      out.add(item(pieces));
    }
    out.sort(
        Comparator.comparingDouble(Software::confidence)
            .reversed()
            .thenComparing(Software::label, String.CASE_INSENSITIVE_ORDER));
    return List.copyOf(out);
  }

  private static String itemKey(Key k) {
    return (k.vendor().orElse("") + "\u0000" + k.product()).toLowerCase(Locale.ROOT);
  }

  /**
   * The item of pieces sorted best first: names from the best, version and evidence (source,
   * observed value, fingerprint, confidence) from the best that names a version.
   */
  private static Software item(List<Piece> pieces) {
    Piece best = pieces.get(0);
    Piece versioned =
        pieces.stream().filter(p -> p.key().version().isPresent()).findFirst().orElse(best);
    Key names = best.key().vendor().isPresent() ? best.key() : vendored(pieces, best.key());
    Key e = versioned.key();
    return new Software(
        names.vendor(),
        names.product(),
        e.version(),
        e.source(),
        e.observed(),
        e.fingerprint(),
        versioned.confidence());
  }

  private static Key vendored(List<Piece> pieces, Key fallback) {
    return pieces.stream()
        .map(Piece::key)
        .filter(k -> k.vendor().isPresent())
        .findFirst()
        .orElse(Objects.requireNonNull(fallback));
  }
}
