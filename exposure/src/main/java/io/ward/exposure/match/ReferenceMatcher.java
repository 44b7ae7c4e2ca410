package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Sbom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The straightforward matcher: every subject of the device against every advisory product. Slow by
 * design; it is the correctness guard the {@link MatchIndex} is compared with.
 */
public final class ReferenceMatcher implements DeviceMatcher {

  private final List<ProductEntry> entries = new ArrayList<>();
  private final VendorAliases aliases;

  /** A matcher over these advisories. */
  public ReferenceMatcher(Collection<Advisory> advisories, VendorAliases aliases) {
    this.aliases = aliases;
    for (Advisory published : advisories) {
      Advisory a = DerivedProducts.expand(published);
      for (AffectedProduct p : a.products()) {
        entries.add(ProductEntry.of(a, p, aliases));
      }
    }
  }

  @Override
  public List<Finding> match(Device device, List<Sbom> sboms) {
    List<Finding> all = new ArrayList<>();
    for (Subject s : Subjects.of(device, sboms, aliases)) {
      for (ProductEntry e : entries) {
        PairEvaluator.evaluate(s, e)
            .ifPresent(hit -> all.addAll(FindingAssembler.findings(s, e, hit)));
      }
    }
    return FindingAssembler.dedupe(all);
  }
}
