package io.ward.server.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The devices' search texts and filter columns as they stood in one PostgreSQL snapshot, riskiest
 * first (risk, then id, both descending): what {@link DeviceSearchIndex} searches. Immutable; a
 * change to the devices makes a new one.
 *
 * <p>Matching is the SQL search's, exactly: every word of the text must occur in the device's
 * search text or in its addresses, as a case-sensitive substring of the stored (lower-case) values,
 * the words lower-cased as {@link DeviceQueryService} lower-cases them.
 */
final class SearchSnapshot {
  private final long[] ids;
  private final int[] risks;

  /** Search text, a line feed, then the addresses: a word holds no line feed, so it never spans. */
  private final String[] texts;

  private final String[] categories;
  private final byte[] criticalities;
  private final String[] vendorsLower;
  private final long[] sites;
  private final boolean[] medical;
  private final boolean[] kev;
  private final TrigramPostings postings;

  /** No site. */
  static final long NO_SITE = Long.MIN_VALUE;

  private SearchSnapshot(Builder b) {
    int n = b.size;
    ids = Arrays.copyOf(b.ids, n);
    risks = Arrays.copyOf(b.risks, n);
    texts = Arrays.copyOf(b.texts, n);
    categories = Arrays.copyOf(b.categories, n);
    criticalities = Arrays.copyOf(b.criticalities, n);
    vendorsLower = Arrays.copyOf(b.vendorsLower, n);
    sites = Arrays.copyOf(b.sites, n);
    medical = Arrays.copyOf(b.medical, n);
    kev = Arrays.copyOf(b.kev, n);
    postings = new TrigramPostings(texts, n);
  }

  int size() {
    return ids.length;
  }

  /** Whether this snapshot can answer {@code q}: a search text in the risk order. */
  static boolean answers(DeviceQuery q) {
    return q.text().isPresent() && q.sort() == DeviceSort.RISK;
  }

  /** The id of the device at {@code position}. */
  long id(int position) {
    return ids[position];
  }

  /** The risk score of the device at {@code position}, as the snapshot saw it. */
  int risk(int position) {
    return risks[position];
  }

  /**
   * The positions of the first {@code want} devices matching {@code q} in its order, after its
   * cursor.
   *
   * @throws IllegalArgumentException the cursor is malformed or from another order
   */
  List<Integer> matches(DeviceQuery q, int want) {
    Filter f = new Filter(q);
    List<Integer> found = new ArrayList<>(Math.min(want, 64));
    int n = ids.length;
    // The cursor's place: rows from it on are after the cursor in the descending order, rows
    // before it in the ascending one.
    int from = q.descending() ? 0 : n;
    if (q.cursor().isPresent()) {
      DeviceCursor c = DeviceCursor.decode(q.cursor().get(), DeviceSort.RISK, q.descending());
      int risk = (Integer) c.value();
      from = firstBelow(risk, c.id());
      if (!q.descending() && from > 0 && risks[from - 1] == risk && ids[from - 1] == c.id()) {
        // In ascending order the page starts above the cursor: step over the cursor's own row.
        from--;
      }
    }
    int bucket = rarestBucket(f.words);
    if (q.descending()) {
      if (bucket < 0) {
        for (int i = from; i < n && found.size() < want; i++) {
          if (f.test(i)) {
            found.add(i);
          }
        }
      } else {
        TrigramPostings.Cursor c = postings.positions(bucket);
        for (int i = c.next(); i >= 0 && found.size() < want; i = c.next()) {
          if (i >= from && f.test(i)) {
            found.add(i);
          }
        }
      }
    } else if (bucket < 0) {
      for (int i = from - 1; i >= 0 && found.size() < want; i--) {
        if (f.test(i)) {
          found.add(i);
        }
      }
    } else {
      int[] candidates = candidatesBelow(bucket, from);
      for (int k = candidates.length - 1; k >= 0 && found.size() < want; k--) {
        if (f.test(candidates[k])) {
          found.add(candidates[k]);
        }
      }
    }
    return found;
  }

  /** The positions {@code bucket} lists below {@code end}, ascending. */
  private int[] candidatesBelow(int bucket, int end) {
    int[] out = new int[Math.min(end, postings.count(bucket))];
    int k = 0;
    TrigramPostings.Cursor c = postings.positions(bucket);
    for (int i = c.next(); i >= 0 && i < end; i = c.next()) {
      out[k++] = i;
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * The bucket listing the fewest devices among the trigrams of {@code words}: every match holds
   * that trigram, so its devices are the candidates. -1 when no word is three characters long.
   */
  private int rarestBucket(String[] words) {
    int best = -1;
    int fewest = Integer.MAX_VALUE;
    for (String w : words) {
      for (int i = 0; i + 3 <= w.length(); i++) {
        int b = postings.bucketOf(w, i);
        if (postings.count(b) < fewest) {
          fewest = postings.count(b);
          best = b;
        }
      }
    }
    return best;
  }

  /** How many devices match {@code q} (its cursor and order ignored). */
  long count(DeviceQuery q) {
    Filter f = new Filter(q);
    long count = 0;
    int bucket = rarestBucket(f.words);
    if (bucket < 0) {
      for (int i = 0; i < ids.length; i++) {
        count += f.test(i) ? 1 : 0;
      }
      return count;
    }
    TrigramPostings.Cursor c = postings.positions(bucket);
    for (int i = c.next(); i >= 0; i = c.next()) {
      count += f.test(i) ? 1 : 0;
    }
    return count;
  }

  /** The first position whose (risk, id) lies below the given one in the descending order. */
  private int firstBelow(int risk, long id) {
    int lo = 0;
    int hi = ids.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      boolean below = risks[mid] < risk || (risks[mid] == risk && ids[mid] < id);
      if (below) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The filters of a query, tested on one position; the cheap columns before the texts. */
  private final class Filter {
    private final String[] words;
    private final String category;
    private final int criticality;
    private final String vendorLower;
    private final boolean siteFilter;
    private final long site;
    private final int minRisk;
    private final boolean medicalOnly;
    private final boolean kevOnly;

    Filter(DeviceQuery q) {
      words = q.text().map(Filter::words).orElse(new String[0]);
      category = q.category().map(c -> c.id()).orElse(null);
      criticality = q.criticality().map(Enum::ordinal).orElse(-1);
      vendorLower = q.vendor().map(v -> v.toLowerCase(Locale.ROOT)).orElse(null);
      siteFilter = q.siteId().isPresent();
      site = q.siteId().orElse(0L);
      minRisk = q.minRisk().orElse(Integer.MIN_VALUE);
      medicalOnly = q.medicalOnly();
      kevOnly = q.kevOnly();
    }

    /** The words as {@link DeviceQueryService} splits and lower-cases them. */
    private static String[] words(String text) {
      return text.toLowerCase(Locale.ROOT).trim().split("\\s+");
    }

    boolean test(int i) {
      if (risks[i] < minRisk
          || (medicalOnly && !medical[i])
          || (kevOnly && !kev[i])
          || (criticality >= 0 && criticalities[i] != criticality)
          || (category != null && !category.equals(categories[i]))
          || (vendorLower != null && !vendorLower.equals(vendorsLower[i]))
          || (siteFilter && (sites[i] == NO_SITE || sites[i] != site))) {
        return false;
      }
      String text = texts[i];
      for (String w : words) {
        if (!text.contains(w)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Collects devices in the snapshot's order (riskiest first, then the higher id). */
  static final class Builder {
    private int size;
    private long[] ids = new long[1024];
    private int[] risks = new int[1024];
    private String[] texts = new String[1024];
    private String[] categories = new String[1024];
    private byte[] criticalities = new byte[1024];
    private String[] vendorsLower = new String[1024];
    private long[] sites = new long[1024];
    private boolean[] medical = new boolean[1024];
    private boolean[] kev = new boolean[1024];
    private final Map<String, String> shared = new HashMap<>();

    /**
     * Adds the next device; it must come after the last one in the snapshot's order.
     *
     * @param site the site's id, or {@link #NO_SITE}
     */
    Builder add(
        long id,
        int risk,
        String searchText,
        String searchAddresses,
        String category,
        int criticality,
        String vendorLower,
        long site,
        boolean isMedical,
        boolean hasKev) {
      if (size > 0
          && (risk > risks[size - 1] || (risk == risks[size - 1] && id >= ids[size - 1]))) {
        throw new IllegalArgumentException("devices out of the risk order at id " + id);
      }
      if (size == ids.length) {
        grow();
      }
      ids[size] = id;
      risks[size] = risk;
      texts[size] =
          Objects.requireNonNullElse(searchText, "")
              + '\n'
              + Objects.requireNonNullElse(searchAddresses, "");
      // Categories and makers repeat across thousands of devices: keep one copy of each.
      categories[size] = category == null ? null : shared.computeIfAbsent(category, k -> k);
      criticalities[size] = (byte) criticality;
      vendorsLower[size] = vendorLower == null ? null : shared.computeIfAbsent(vendorLower, k -> k);
      sites[size] = site;
      medical[size] = isMedical;
      kev[size] = hasKev;
      size++;
      return this;
    }

    private void grow() {
      int n = ids.length * 2;
      ids = Arrays.copyOf(ids, n);
      risks = Arrays.copyOf(risks, n);
      texts = Arrays.copyOf(texts, n);
      categories = Arrays.copyOf(categories, n);
      criticalities = Arrays.copyOf(criticalities, n);
      vendorsLower = Arrays.copyOf(vendorsLower, n);
      sites = Arrays.copyOf(sites, n);
      medical = Arrays.copyOf(medical, n);
      kev = Arrays.copyOf(kev, n);
    }

    int size() {
      return size;
    }

    SearchSnapshot build() {
      return new SearchSnapshot(this);
    }
  }
}
