package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One distinct subject identity of a fleet with the advisory product groups it matches (decided
 * once) and one result per distinct version seen with it.
 */
final class SubjectNode {

  final int id;
  final SubjectIdentity identity;
  final long[] lookups;

  /** The identity's words, for {@link PairEvaluator#identify} over every candidate. */
  final String[] tokens;

  /** Candidate groups, ascending, with their identity match; null until computed. */
  private int[] groups;

  private IdentityMatch[] matches;
  private int count;
  private final Map<Version, SubjectResult> results = new HashMap<>();

  SubjectNode(int id, SubjectIdentity identity, long[] lookups) {
    this.id = id;
    this.identity = identity;
    this.lookups = lookups;
    this.tokens = PairEvaluator.tokenArray(identity.tokens());
  }

  /** Decides identity against every group filed under one of the lookups. */
  void computeCandidates(MatchIndex index) {
    IntList found = new IntList();
    for (long k : lookups) {
      IntList gs = index.groupsFor(k);
      if (gs != null) {
        for (int i = 0; i < gs.size(); i++) {
          found.add(gs.get(i));
        }
      }
    }
    int[] all = found.toArray();
    Arrays.sort(all);
    int[] g = new int[all.length];
    IdentityMatch[] m = new IdentityMatch[all.length];
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (i > 0 && all[i] == all[i - 1]) {
        continue;
      }
      ProductGroup group = index.group(all[i]);
      Optional<IdentityMatch> match =
          PairEvaluator.identify(identity, tokens, group.identity, group.tokens);
      if (match.isPresent()) {
        g[n] = all[i];
        m[n++] = match.get();
      }
    }
    matches = Arrays.copyOf(m, n);
    groups = Arrays.copyOf(g, n);
    count = n;
  }

  int candidateCount() {
    return count;
  }

  int candidateGroup(int i) {
    return groups[i];
  }

  IdentityMatch candidateMatch(int i) {
    return matches[i];
  }

  /** The identity match with a group (which must be a candidate). */
  IdentityMatch matchFor(int group) {
    return matches[Arrays.binarySearch(groups, 0, count, group)];
  }

  /** Adds a group created after the candidates were computed. */
  void addCandidate(int group, IdentityMatch match) {
    int at = -Arrays.binarySearch(groups, 0, count, group) - 1;
    if (at < 0) {
      return;
    }
    groups = Arrays.copyOf(groups, count + 1);
    matches = Arrays.copyOf(matches, count + 1);
    System.arraycopy(groups, at, groups, at + 1, count - at);
    System.arraycopy(matches, at, matches, at + 1, count - at);
    groups[at] = group;
    matches[at] = match;
    count++;
  }

  /** The result for a version (null: unknown), made (not computed) when new. */
  SubjectResult result(Version version, boolean[] created) {
    SubjectResult r = results.get(version);
    if (r == null) {
      r = new SubjectResult(this, version);
      results.put(version, r);
      created[0] = true;
    }
    return r;
  }

  Iterable<SubjectResult> results() {
    return results.values();
  }
}
