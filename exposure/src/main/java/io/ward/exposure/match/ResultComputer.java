package io.ward.exposure.match;

import io.ward.exposure.match.PairEvaluator.Outcome;
import io.ward.exposure.version.Version;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.ProductStatus;
import java.util.Arrays;
import java.util.Optional;

/**
 * Computes {@link SubjectResult}s: every statement of every candidate group tested against the
 * version (OUT skipped at once), each vulnerability's status decided as {@link FindingAssembler}
 * decides it, then one winner per finding key chosen by the findings' order.
 */
final class ResultComputer {

  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private final MatchIndex index;

  ResultComputer(MatchIndex index) {
    this.index = index;
  }

  /** Computes a result from scratch. */
  void compute(SubjectResult r) {
    Buffer b = BUFFERS.get();
    b.clear();
    collect(r, 0, null, b);
    select(b, r);
    r.computed = true;
  }

  /**
   * Adds what the statements from {@code minEntry} on in the given groups give; returns whether any
   * new finding candidate came.
   */
  boolean extend(SubjectResult r, int minEntry, int[] groups) {
    Buffer b = BUFFERS.get();
    b.clear();
    collect(r, minEntry, groups, b);
    if (b.n == 0) {
      return false;
    }
    for (int i = 0; i < r.size; i++) {
      b.add(r.fkey[i], r.entry[i], r.vuln[i], r.code[i], r.confidence[i]);
    }
    select(b, r);
    return true;
  }

  private void collect(SubjectResult r, int minEntry, int[] only, Buffer b) {
    SubjectNode node = r.node;
    Version v = r.version;
    long code = v == null ? 0 : versionCode(r);
    for (int c = 0; c < node.candidateCount(); c++) {
      int gid = node.candidateGroup(c);
      if (only != null && Arrays.binarySearch(only, gid) < 0) {
        continue;
      }
      ProductGroup g = index.group(gid);
      IdentityMatch m = node.candidateMatch(c);
      boolean purl = m.kind() == IdentityMatch.PURL;
      int start;
      if (minEntry == 0 && v != null && g.indexed() > 0) {
        // A known version in a large group: only the statements that can hold it.
        for (int k = 0; k < g.alwaysCount(); k++) {
          int j = g.always(k);
          emit(g, j, outcome(g, j, purl, v, code), m, b);
        }
        for (int i = g.firstRangeReaching(code); i < g.rangeCount(); i++) {
          if (g.rangeLo(i) <= code) {
            emit(g, g.rangePos(i), Outcome.IN, m, b);
          }
        }
        for (int i = g.firstPoint(code); i < g.pointCount() && g.pointCode(i) == code; i++) {
          emit(g, g.pointPos(i), Outcome.IN, m, b);
        }
        start = g.indexed();
      } else {
        start = minEntry == 0 ? 0 : g.firstAtLeast(minEntry);
      }
      int n = g.size();
      for (int j = start; j < n; j++) {
        Outcome o = outcome(g, j, purl, v, code);
        if (o != Outcome.OUT) {
          emit(g, j, o, m, b);
        }
      }
    }
  }

  /** What statement {@code j} of the group says about the version (code {@code code}). */
  private Outcome outcome(ProductGroup g, int j, boolean purl, Version v, long code) {
    byte kind = g.kind(j);
    if (purl && (kind & ProductGroup.PURL_VERSION) != 0) {
      return PairEvaluator.outcome(
          Optional.of(index.purlRange(g.entry(j))), false, Optional.ofNullable(v));
    }
    switch (kind & 3) {
      case ProductGroup.ALL:
        return Outcome.IN_ALL;
      case ProductGroup.NO_STATEMENT:
        return Outcome.NO_STATEMENT;
      case ProductGroup.UNREADABLE:
        return Outcome.UNREADABLE;
      default:
        return v == null ? Outcome.UNKNOWN_VERSION : g.contains(j, code) ? Outcome.IN : Outcome.OUT;
    }
  }

  /** The finding candidates statement {@code j} gives with this outcome (OUT gives none). */
  private void emit(ProductGroup g, int j, Outcome o, IdentityMatch groupMatch, Buffer b) {
    if (o == Outcome.OUT) {
      return; // nothing: affected needs not-out, fixed and not-affected need in
    }
    int e = g.entry(j);
    IdentityMatch m = index.matchFor(groupMatch, e);
    boolean certain = m.certain();
    int sole = g.soleKey(j);
    if (sole >= 0) {
      ProductStatus ps = MatchIndex.statusOfCode(g.soleStatus(j));
      FindingStatus fs = ps == null ? null : FindingAssembler.decide(ps, o.hit, certain);
      if (fs != null) {
        b.add(
            sole,
            e,
            0,
            SubjectResult.code(o, fs, ps.ordinal()),
            FindingAssembler.confidence(m.confidence(), o.hit));
      }
      return;
    }
    int nv = index.vulnCount(e);
    for (int vi = 0; vi < nv; vi++) {
      ProductStatus ps = index.status(e, vi);
      if (ps == null) {
        continue;
      }
      FindingStatus fs = FindingAssembler.decide(ps, o.hit, certain);
      if (fs == null) {
        continue;
      }
      b.add(
          index.findingKey(e, vi),
          e,
          vi,
          SubjectResult.code(o, fs, ps.ordinal()),
          FindingAssembler.confidence(m.confidence(), o.hit));
    }
  }

  /**
   * One winner (or the tied ones) per finding key, written into the result: a per-thread slot table
   * indexed by finding key finds repeats without sorting.
   */
  private void select(Buffer b, SubjectResult r) {
    int n = b.n;
    int gen = b.nextGeneration(index.findingKeyCount());
    int[] winners = b.keep(n);
    int[] next = b.next(n);
    int k = 0;
    for (int i = 0; i < n; i++) {
      int f = b.fkey[i];
      next[i] = -1;
      if (b.stamp[f] != gen) {
        b.stamp[f] = gen;
        b.slot[f] = k;
        winners[k++] = i;
        continue;
      }
      int w = winners[b.slot[f]];
      int c = compare(b, i, w);
      if (c < 0) {
        winners[b.slot[f]] = i;
      } else if (c == 0) {
        int last = w;
        while (next[last] >= 0) {
          last = next[last];
        }
        next[last] = i;
      }
    }
    int kept = 0;
    for (int j = 0; j < k; j++) {
      for (int t = winners[j]; t >= 0; t = next[t]) {
        kept++;
      }
    }
    int[] fkey = new int[kept];
    int[] entry = new int[kept];
    int[] vuln = new int[kept];
    int[] code = new int[kept];
    double[] conf = new double[kept];
    int[] byStatus = new int[3];
    int o = 0;
    for (int j = 0; j < k; j++) {
      int from = o;
      for (int t = winners[j]; t >= 0; t = next[t]) {
        fkey[o] = b.fkey[t];
        entry[o] = b.entry[t];
        vuln[o] = b.vuln[t];
        code[o] = b.code[t];
        conf[o] = b.conf[t];
        o++;
      }
      if (o - from > 1) {
        sortTies(entry, vuln, code, conf, from, o);
      }
      byStatus[SubjectResult.status(code[from]).ordinal()]++;
    }
    r.fkey = fkey;
    r.entry = entry;
    r.vuln = vuln;
    r.code = code;
    r.confidence = conf;
    r.size = kept;
    r.distinct = k;
    System.arraycopy(byStatus, 0, r.byStatus, 0, 3);
  }

  /** The findings' order without the explanation: status rank, confidence, product id. */
  private int compare(Buffer b, int x, int y) {
    int c =
        Integer.compare(
            FindingAssembler.rank(SubjectResult.status(b.code[x])),
            FindingAssembler.rank(SubjectResult.status(b.code[y])));
    if (c != 0) {
      return c;
    }
    c = Double.compare(-b.conf[x], -b.conf[y]);
    if (c != 0) {
      return c;
    }
    if (b.entry[x] == b.entry[y]) {
      return 0;
    }
    // A derived statement names its source product (as the finding does): equal names tie, and
    // the explanation decides when templates are made, as in the nested-loop matcher.
    return DerivedProducts.sourceId(index.productOf(b.entry[x]).productId())
        .compareTo(DerivedProducts.sourceId(index.productOf(b.entry[y]).productId()));
  }

  /** The result's version on the line, remembered until the line gains a bound. */
  private long versionCode(SubjectResult r) {
    VersionLine line = index.line();
    if (r.codeEpoch != line.changes()) {
      r.versionCode = line.code(r.version);
      r.codeEpoch = line.changes();
    }
    return r.versionCode;
  }

  /** Tied candidates in the nested-loop matcher's order: statement, then vulnerability. */
  private static void sortTies(
      int[] entry, int[] vuln, int[] code, double[] conf, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int e = entry[i];
      int v = vuln[i];
      int c = code[i];
      double f = conf[i];
      int j = i - 1;
      while (j >= from && (entry[j] > e || (entry[j] == e && vuln[j] > v))) {
        entry[j + 1] = entry[j];
        vuln[j + 1] = vuln[j];
        code[j + 1] = code[j];
        conf[j + 1] = conf[j];
        j--;
      }
      entry[j + 1] = e;
      vuln[j + 1] = v;
      code[j + 1] = c;
      conf[j + 1] = f;
    }
  }

  /** Per-thread scratch arrays. */
  private static final class Buffer {
    int n;
    int[] fkey = new int[256];
    int[] entry = new int[256];
    int[] vuln = new int[256];
    int[] code = new int[256];
    double[] conf = new double[256];
    private int[] keep = new int[256];

    void clear() {
      n = 0;
    }

    void add(int f, int e, int v, int c, double confidence) {
      if (n == fkey.length) {
        int m = n * 2;
        fkey = Arrays.copyOf(fkey, m);
        entry = Arrays.copyOf(entry, m);
        vuln = Arrays.copyOf(vuln, m);
        code = Arrays.copyOf(code, m);
        conf = Arrays.copyOf(conf, m);
      }
      fkey[n] = f;
      entry[n] = e;
      vuln[n] = v;
      code[n] = c;
      conf[n] = confidence;
      n++;
    }

    int[] stamp = new int[0];
    int[] slot = new int[0];
    private int generation;
    private int[] next = new int[256];

    /** A fresh generation of the slot table, sized for {@code keys} finding keys. */
    int nextGeneration(int keys) {
      if (stamp.length < keys) {
        int size = Math.max(keys, stamp.length * 2);
        stamp = new int[size];
        slot = new int[size];
        generation = 0;
      }
      if (++generation == Integer.MAX_VALUE) {
        Arrays.fill(stamp, 0);
        generation = 1;
      }
      return generation;
    }

    int[] next(int size) {
      if (next.length < size) {
        next = new int[Math.max(size, next.length * 2)];
      }
      return next;
    }

    int[] keep(int size) {
      if (keep.length < size) {
        keep = new int[Math.max(size, keep.length * 2)];
      }
      return keep;
    }
  }
}
