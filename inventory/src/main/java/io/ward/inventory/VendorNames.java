package io.ward.inventory;

import io.ward.inventory.KbEntries.VendorAlias;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Normalises vendor names: a name matching an alias entry becomes that entry's name ("GE Medical
 * Systems" and "General Electric" both become "GE HealthCare"); any other name loses its legal
 * suffix ("Welch Allyn, Inc." becomes "Welch Allyn").
 */
final class VendorNames {

  /** Legal-form suffixes, repeated ("Co., Ltd.") and in any case. */
  private static final Pattern LEGAL_SUFFIX =
      Pattern.compile(
          "(?i)(?:[\\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh"
              + "|ag|a/s|ab|aps|b\\.?v|n\\.?v|s\\.?a|s\\.?p\\.?a|s\\.?r\\.?l|s\\.?a\\.?s|k\\.?k|kg|kgaa"
              + "|oy|plc|pty|pvt|sdn\\.? bhd|co\\.?,? ltd|& co\\.? kg(?:aa)?)\\.?)+\\s*$");

  /**
   * Names normalised so far, at most this many. Why: an inventory normalises the same few hundred
   * vendor names for every device that reports them, and each costs a regular-expression search per
   * alias (a twentieth of the simulator's analysis allocations).
   */
  static final int MAX_REMEMBERED = 4_096;

  /**
   * Longer names are normalised every time: the names come from the network, and the memo, shared
   * for the life of a server, should hold only real vendor names.
   */
  static final int MAX_REMEMBERED_LENGTH = 128;

  private final List<VendorAlias> aliases;

  /** Shared by the analyses and workers that share the knowledge base: hence concurrent. */
  private final Map<String, String> remembered = new ConcurrentHashMap<>();

  VendorNames(List<VendorAlias> aliases) {
    this.aliases = List.copyOf(aliases);
  }

  /** The canonical name for {@code raw}. */
  String normalise(String raw) {
    String known = remembered.get(raw);
    if (known != null) {
      return known;
    }
    String name = compute(raw);
    if (raw.length() <= MAX_REMEMBERED_LENGTH && remembered.size() < MAX_REMEMBERED) {
      remembered.put(raw, name);
    }
    return name;
  }

  private String compute(String raw) {
    String name = raw.trim().replaceAll("\\s+", " ");
    for (VendorAlias alias : aliases) {
      if (alias.matches(name)) {
        return alias.name();
      }
    }
    String stripped = LEGAL_SUFFIX.matcher(name).replaceFirst("").replaceAll("[\\s,.]+$", "");
    return stripped.isEmpty() ? name : stripped;
  }
}
