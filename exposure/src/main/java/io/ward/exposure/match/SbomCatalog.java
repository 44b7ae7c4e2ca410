package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SBOMs by the normalised model they describe, each component's subject precompiled, so a
 * device finds its SBOMs with one lookup (the same answer as {@link Subjects#describes}).
 */
final class SbomCatalog {

  /**
   * One component subject of an SBOM.
   *
   * @param identityOrdinal the identity's number among the catalog's distinct identities
   */
  record Component(
      String attribute,
      String name,
      Optional<Version> version,
      Optional<String> bomRef,
      SubjectIdentity identity,
      int identityOrdinal) {}

  /**
   * One SBOM: what it describes and its distinct components.
   *
   * @param ordinal the SBOM's position among the catalog's SBOMs
   */
  record Entry(
      int ordinal,
      Sbom sbom,
      Optional<String> vendorId,
      Optional<Version> version,
      List<Component> components) {}

  private final List<Sbom> source;
  private final Map<String, List<Entry>> byModel = new HashMap<>();
  private int entries;
  private final Map<SubjectIdentity, Integer> identities = new HashMap<>();
  private final Map<String, Version> versions = new HashMap<>();
  private final List<SubjectIdentity> identityList = new ArrayList<>();

  /** Look-up keys per component identity, for the symbol table they were made with. */
  private long[][] lookups = new long[0][];

  private Symbols lookupSymbols;

  SbomCatalog(List<Sbom> sboms, VendorAliases aliases) {
    this.source = sboms;
    for (Sbom sbom : sboms) {
      if (sbom.subjectModel().isEmpty()) {
        continue;
      }
      List<Component> components = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (SbomComponent c : sbom.components()) {
        String attribute = Subjects.attribute(c);
        if (seen.add(attribute)) {
          SubjectIdentity identity = SubjectIdentity.ofComponent(c, aliases);
          Integer ordinal = identities.putIfAbsent(identity, identities.size());
          if (ordinal == null) {
            identityList.add(identity);
          }
          // The same version text read once (equal versions written differently stay apart: the
          // text is shown in the findings).
          Optional<Version> version =
              Subjects.version(c).map(v -> versions.computeIfAbsent(v.text(), x -> v));
          components.add(
              new Component(
                  attribute,
                  c.name(),
                  version,
                  c.bomRef(),
                  identity,
                  ordinal == null ? identities.size() - 1 : ordinal));
        }
      }
      byModel
          .computeIfAbsent(
              VendorAliases.normalize(sbom.subjectModel().get()), k -> new ArrayList<>())
          .add(
              new Entry(
                  entries++,
                  sbom,
                  sbom.subjectVendor().map(aliases::canonical),
                  sbom.subjectVersion().map(Version::parse),
                  List.copyOf(components)));
    }
  }

  /** True when built from this very list. */
  boolean isFor(List<Sbom> sboms) {
    return source == sboms;
  }

  /** True when the catalog holds no SBOM. */
  boolean isEmpty() {
    return byModel.isEmpty();
  }

  /**
   * The index keys a component identity looks up, made once per index (symbol table): every fleet
   * matched against the index shares them.
   */
  synchronized long[] lookups(int identityOrdinal, Symbols symbols) {
    if (symbols != lookupSymbols) {
      lookups = new long[identityList.size()][];
      lookupSymbols = symbols;
    }
    long[] keys = lookups[identityOrdinal];
    if (keys == null) {
      keys = IndexKeys.lookups(identityList.get(identityOrdinal), symbols);
      lookups[identityOrdinal] = keys;
    }
    return keys;
  }

  /** How many distinct component identities the catalog holds. */
  int identityCount() {
    return identities.size();
  }

  /** How many SBOMs (with a subject model) the catalog holds. */
  int size() {
    return entries;
  }

  /** Every SBOM that describes a device of this shape, in SBOM order. */
  List<Entry> describing(String normalizedModel, String vendorId, Optional<String> firmware) {
    List<Entry> candidates = byModel.get(normalizedModel);
    if (candidates == null) {
      return List.of();
    }
    Optional<Version> fw = firmware.map(Version::parse);
    List<Entry> out = new ArrayList<>(candidates.size());
    for (Entry e : candidates) {
      if (e.vendorId.isPresent() && !vendorId.isEmpty() && !e.vendorId.get().equals(vendorId)) {
        continue;
      }
      if (e.version.isPresent() && fw.isPresent() && !e.version.get().equals(fw.get())) {
        continue;
      }
      out.add(e);
    }
    return out;
  }
}
