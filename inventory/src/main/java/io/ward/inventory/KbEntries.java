package io.ward.inventory;

import io.ward.model.Category;
import io.ward.model.Criticality;
import java.util.List;
import java.util.regex.Pattern;

/** The knowledge-base entry types other than fingerprints, one record each. */
final class KbEntries {
  private KbEntries() {}

  /** Vendor names that mean the same company, normalised to {@code name}. */
  record VendorAlias(String id, String name, List<Pattern> patterns, String source) {
    VendorAlias {
      patterns = List.copyOf(patterns);
    }

    boolean matches(String vendor) {
      return patterns.stream().anyMatch(p -> p.matcher(vendor).find());
    }
  }

  /**
   * An OUI owner that makes network modules for other manufacturers (Intel, Realtek, Murata…): its
   * OUI says little about who made the device, so vendor evidence from it gets {@code confidence}.
   */
  record ModuleMaker(String id, Pattern pattern, double confidence, String source) {}

  /** The clinical criticality of every device of one category, with the reason. */
  record CriticalityRule(String id, Category category, Criticality criticality, String reason) {}

  /** A well-known transport port named after the protocol normally served there. */
  record PortName(String id, String transport, int port, String name, String source) {}

  /** A DICOM storage SOP class whose instances come from one kind of modality. */
  record SopClass(String id, String name, String modality) {}
}
