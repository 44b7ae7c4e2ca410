package io.ward.exposure.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Vendor names brought to one id through an alias table (data file {@code vendor-aliases.yaml}), so
 * "GE Healthcare", "GE Medical Systems" and the OUI name "GE Medical Systems (China)" meet, and
 * "Becton, Dickinson and Company", "BD" and "CareFusion" do too.
 */
public final class VendorAliases {

  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
  private static final Set<String> SUFFIXES =
      Set.of(
          "inc",
          "incorporated",
          "corp",
          "corporation",
          "co",
          "company",
          "ltd",
          "limited",
          "llc",
          "gmbh",
          "ag",
          "se",
          "kgaa",
          "kg",
          "plc",
          "sa",
          "bv",
          "nv",
          "ab",
          "oy",
          "spa",
          "srl",
          "the",
          "and",
          "ev",
          "pty",
          "ulc",
          "lp");

  /** Vendor names repeat across millions of products: remember their canonical ids. */
  private static final int CACHE_LIMIT = 1 << 20;

  private final Map<String, String> canonicalCache = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> aliasToId;
  private final int longestAlias;

  private VendorAliases(Map<String, String> aliasToId) {
    this.aliasToId = Map.copyOf(aliasToId);
    this.longestAlias =
        aliasToId.keySet().stream().mapToInt(a -> a.split(" ").length).max().orElse(1);
  }

  /** The table shipped with Ward. */
  public static VendorAliases defaults() {
    return Holder.DEFAULTS;
  }

  /** A table from YAML ({@code vendors: {id: [alias, …]}}), e.g. a user's extension file. */
  public static VendorAliases fromYaml(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    Map<String, String> map = new HashMap<>();
    JsonNode vendors = root.path("vendors");
    Iterator<Map.Entry<String, JsonNode>> it = vendors.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String id = e.getKey();
      map.put(normalize(id.replace('-', ' ')), id);
      for (JsonNode alias : e.getValue()) {
        String key = normalize(alias.asText());
        if (!key.isEmpty()) {
          map.put(key, id);
        }
      }
    }
    if (map.isEmpty()) {
      throw new IOException("vendor alias table has no 'vendors' entries");
    }
    return new VendorAliases(map);
  }

  /**
   * The canonical vendor id of a name: the alias table's id when a known spelling equals the name
   * or starts it (on word boundaries, longest first), else the normalised name itself.
   */
  public String canonical(String name) {
    if (name == null) {
      return "";
    }
    String cached = canonicalCache.get(name);
    if (cached != null) {
      return cached;
    }
    String result = lookup(name);
    if (canonicalCache.size() < CACHE_LIMIT) {
      canonicalCache.put(name, result);
    }
    return result;
  }

  private String lookup(String name) {
    String n = normalize(name);
    if (n.isEmpty()) {
      return "";
    }
    String direct = aliasToId.get(n);
    if (direct != null) {
      return direct;
    }
    String[] words = n.split(" ");
    for (int len = Math.min(words.length - 1, longestAlias); len >= 1; len--) {
      String prefix = String.join(" ", java.util.Arrays.copyOf(words, len));
      String id = aliasToId.get(prefix);
      if (id != null) {
        return id;
      }
    }
    return n;
  }

  /** The canonical id when the name is in the table (exactly or as a prefix). */
  public Optional<String> known(String name) {
    String c = canonical(name);
    return aliasToId.containsValue(c) ? Optional.of(c) : Optional.empty();
  }

  /** Lower case, accents folded (ä → a), punctuation to spaces, corporate suffixes dropped. */
  public static String normalize(String name) {
    if (name == null) {
      return "";
    }
    if (name.chars().allMatch(c -> c < 128)) {
      return normalizeAscii(name);
    }
    String s =
        name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue");
    s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    s = s.replace("_", " ");
    StringBuilder out = new StringBuilder();
    for (String w : NON_ALNUM.split(s)) {
      if (!w.isEmpty() && !SUFFIXES.contains(w)) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(w);
      }
    }
    return out.toString();
  }

  /** The same as {@link #normalize} for ASCII text, without regular expressions. */
  private static String normalizeAscii(String name) {
    StringBuilder out = new StringBuilder(name.length());
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? Character.toLowerCase(name.charAt(i)) : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word.append(c);
      } else if (word.length() > 0) {
        String w = word.toString();
        word.setLength(0);
        if (!SUFFIXES.contains(w)) {
          if (out.length() > 0) {
            out.append(' ');
          }
          out.append(w);
        }
      }
    }
    return out.toString();
  }

  private static final class Holder {
    static final VendorAliases DEFAULTS = load();

    private static VendorAliases load() {
      try (InputStream in = VendorAliases.class.getResourceAsStream("vendor-aliases.yaml")) {
        if (in == null) {
          throw new IllegalStateException("vendor-aliases.yaml missing from the classpath");
        }
        return fromYaml(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
