package io.ward.exposure.cpe;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import us.springett.parsers.cpe.Cpe;
import us.springett.parsers.cpe.CpeParser;
import us.springett.parsers.cpe.exceptions.CpeParsingException;
import us.springett.parsers.cpe.util.Relation;

/**
 * A CPE name (2.3 formatted string or 2.2 URI, read with us.springett cpe-parser) and CPE name
 * matching per NIST IR 7696: a source name matches a target when every attribute of the source is a
 * superset of or equal to the target's ({@code *} is ANY, {@code -} is NA).
 */
public final class CpeName {

  private final Cpe cpe;

  private CpeName(Cpe cpe) {
    this.cpe = cpe;
  }

  /** Reads a CPE name; empty when it is not one. */
  public static Optional<CpeName> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CpeName(CpeParser.parse(text.strip(), true)));
    } catch (CpeParsingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The vendor attribute (lower case, {@code *} for ANY). */
  public String vendor() {
    return cpe.getVendor().toLowerCase(Locale.ROOT);
  }

  /** The product attribute (lower case, {@code *} for ANY). */
  public String product() {
    return cpe.getProduct().toLowerCase(Locale.ROOT);
  }

  /** The version when it names one (not ANY or NA). */
  public Optional<String> version() {
    String v = cpe.getVersion();
    return v == null || v.equals("*") || v.equals("-") ? Optional.empty() : Optional.of(v);
  }

  /** The {@code vendor:product} key when both are specific, e.g. {@code offis:dcmtk}. */
  public Optional<String> key() {
    if (vendor().equals("*") || product().equals("*")) {
      return Optional.empty();
    }
    return Optional.of(vendor() + ":" + product());
  }

  /** True when this name, used as a pattern, matches the target name (NIST IR 7696 §6). */
  public boolean matches(CpeName target) {
    if (!superOrEqual(Cpe.compareAttribute(cpe.getPart(), target.cpe.getPart()))) {
      return false;
    }
    List<String[]> pairs =
        List.of(
            new String[] {cpe.getVendor(), target.cpe.getVendor()},
            new String[] {cpe.getProduct(), target.cpe.getProduct()},
            new String[] {cpe.getVersion(), target.cpe.getVersion()},
            new String[] {cpe.getUpdate(), target.cpe.getUpdate()},
            new String[] {cpe.getEdition(), target.cpe.getEdition()},
            new String[] {cpe.getLanguage(), target.cpe.getLanguage()},
            new String[] {cpe.getSwEdition(), target.cpe.getSwEdition()},
            new String[] {cpe.getTargetSw(), target.cpe.getTargetSw()},
            new String[] {cpe.getTargetHw(), target.cpe.getTargetHw()},
            new String[] {cpe.getOther(), target.cpe.getOther()});
    for (String[] p : pairs) {
      if (!superOrEqual(
          Cpe.compareAttribute(p[0].toLowerCase(Locale.ROOT), p[1].toLowerCase(Locale.ROOT)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean superOrEqual(Relation r) {
    return r == Relation.SUPERSET || r == Relation.EQUAL;
  }

  /** The CPE 2.3 formatted string. */
  @Override
  public String toString() {
    return cpe.toCpe23FS();
  }
}
