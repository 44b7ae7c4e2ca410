package io.ward.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.inventory.KbEntries.CriticalityRule;
import io.ward.inventory.KbEntries.ModuleMaker;
import io.ward.inventory.KbEntries.PortName;
import io.ward.inventory.KbEntries.SopClass;
import io.ward.inventory.KbEntries.VendorAlias;
import io.ward.model.Category;
import io.ward.model.Criticality;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads knowledge-base files (YAML or JSON, one map whose keys name sections) into entries,
 * validating every entry. Entries are keyed by id: a later layer (the user's directory) replaces an
 * earlier one's entry of the same id, or removes it with {@code disabled: true}; the same id twice
 * within one layer is an error.
 */
final class KbLoader {

  static final String FINGERPRINTS = "fingerprints";
  static final String VENDOR_ALIASES = "vendorAliases";
  static final String MODULE_MAKERS = "moduleMakers";
  static final String CRITICALITY = "criticality";
  static final String PORTS = "ports";
  static final String SOP_CLASSES = "dicomSopClasses";

  private static final Set<String> SECTIONS =
      Set.of(FINGERPRINTS, VENDOR_ALIASES, MODULE_MAKERS, CRITICALITY, PORTS, SOP_CLASSES);
  private static final Pattern FIELD_NAME = Pattern.compile("^[a-z0-9]+\\.[A-Za-z0-9]+$");
  private static final Pattern MODALITY = Pattern.compile("^[A-Z0-9]{2,8}$");
  private static final Pattern PORT_ID = Pattern.compile("^(tcp|udp)/(\\d{1,5})$");
  private static final Pattern PROTOCOL_NAME = Pattern.compile("^[a-z0-9][a-z0-9.+-]*$");

  /** Made on first use, for a user's YAML file: the bundled files are JSON ({@link JsonTree}). */
  private ObjectMapper yaml;

  final Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
  final Map<String, VendorAlias> vendorAliases = new LinkedHashMap<>();
  final Map<String, ModuleMaker> moduleMakers = new LinkedHashMap<>();
  final Map<String, CriticalityRule> criticality = new LinkedHashMap<>();
  final Map<String, PortName> ports = new LinkedHashMap<>();
  final Map<String, SopClass> sopClasses = new LinkedHashMap<>();

  /** Which file of the current layer defined each section/id, to report duplicates. */
  private Map<String, String> layerOrigins = new HashMap<>();

  /** Starts a new layer: ids may repeat ids of earlier layers (override), not of this one. */
  void beginLayer() {
    layerOrigins = new HashMap<>();
  }

  /** Reads one file, JSON or YAML by its extension; {@code name} is how errors name it. */
  void read(String name, InputStream in) throws KnowledgeBaseException {
    read(name, in, name.toLowerCase(Locale.ROOT).endsWith(".json"));
  }

  /** Reads one file, as JSON or as YAML; {@code name} is how errors name it. */
  void read(String name, InputStream in, boolean isJson) throws KnowledgeBaseException {
    JsonNode root;
    try {
      root = tree(isJson, in);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ",";
      throw new KnowledgeBaseException(
          name
              + ":"
              + where
              + " not valid "
              + (isJson ? "JSON" : "YAML")
              + ": "
              + withoutSourceNote(e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new KnowledgeBaseException(name + ": cannot be read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new KnowledgeBaseException(name + ": the top level must be a map of sections");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      if (!SECTIONS.contains(section.getKey())) {
        throw new KnowledgeBaseException(
            name
                + ": unknown section '"
                + section.getKey()
                + "' (expected one of "
                + String.join(", ", SECTIONS.stream().sorted().toList())
                + ")");
      }
      if (!section.getValue().isArray()) {
        throw new KnowledgeBaseException(
            name + ": section '" + section.getKey() + "' must be a list of entries");
      }
      int index = 0;
      for (JsonNode entry : section.getValue()) {
        readEntry(new Where(name, section.getKey(), index++, entry), entry);
      }
    }
  }

  /**
   * Jackson's message without the "[Source: REDACTED (...); " it puts before an earlier position
   * (where an unclosed array started, say): the file is already named, and the note is about
   * Jackson's own settings.
   */
  static String withoutSourceNote(String message) {
    return message == null ? "" : SOURCE_NOTE.matcher(message).replaceAll("[");
  }

  private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;\\]]*; ");

  private JsonNode tree(boolean isJson, InputStream in) throws IOException {
    if (isJson) {
      return JsonTree.read(in);
    }
    if (yaml == null) {
      yaml = yamlMapper();
    }
    return yaml.readTree(in);
  }

  /** Reads YAML into trees, refusing a key given twice (also the build's, BundledKbCompiler). */
  static ObjectMapper yamlMapper() {
    return new ObjectMapper(
        new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
  }

  /** Names one entry in error messages: file, section, position and id. */
  private record Where(String file, String section, int index, String id) {
    Where(String file, String section, int index, JsonNode entry) {
      this(
          file,
          section,
          index,
          entry != null && entry.isObject() && entry.path("id").isTextual()
              ? entry.path("id").asText()
              : "");
    }

    KnowledgeBaseException error(String problem) {
      String entry = id.isEmpty() ? "entry #" + (index + 1) : "entry '" + id + "'";
      return new KnowledgeBaseException(file + ": " + section + " " + entry + ": " + problem);
    }
  }

  private void readEntry(Where where, JsonNode entry) throws KnowledgeBaseException {
    if (!entry.isObject()) {
      throw where.error("must be a map");
    }
    String id = text(where, entry, "id");
    String key = where.section() + "/" + id;
    String previous = layerOrigins.putIfAbsent(key, where.file());
    if (previous != null) {
      throw where.error(
          "duplicate id (also defined in " + previous + "); ids must be unique within a directory");
    }
    if (entry.path("disabled").asBoolean(false)) {
      only(where, entry, Set.of("id", "disabled"));
      sectionMap(where.section()).remove(id);
      return;
    }
    switch (where.section()) {
      case FINGERPRINTS:
        fingerprints.put(id, fingerprint(where, id, entry));
        break;
      case VENDOR_ALIASES:
        vendorAliases.put(id, vendorAlias(where, id, entry));
        break;
      case MODULE_MAKERS:
        moduleMakers.put(id, moduleMaker(where, id, entry));
        break;
      case CRITICALITY:
        criticality.put(id, criticalityRule(where, id, entry));
        break;
      case PORTS:
        ports.put(id, portName(where, id, entry));
        break;
      default:
        sopClasses.put(id, sopClass(where, id, entry));
    }
  }

  private Map<String, ?> sectionMap(String section) {
    switch (section) {
      case FINGERPRINTS:
        return fingerprints;
      case VENDOR_ALIASES:
        return vendorAliases;
      case MODULE_MAKERS:
        return moduleMakers;
      case CRITICALITY:
        return criticality;
      case PORTS:
        return ports;
      default:
        return sopClasses;
    }
  }

  private static Fingerprint fingerprint(Where where, String id, JsonNode entry)
      throws KnowledgeBaseException {
    only(
        where,
        entry,
        Set.of("id", "match", "sets", "software", "confidence", "toolkit", "source", "note"));
    JsonNode toolkit = entry.path("toolkit");
    if (!toolkit.isMissingNode() && !toolkit.isBoolean()) {
      throw where.error("'toolkit' must be true or false");
    }
    JsonNode match = entry.path("match");
    if (!match.isObject()) {
      throw where.error("missing 'match' (a map with field and one of equals, prefix, regex)");
    }
    only(where, match, Set.of("field", "fields", "equals", "prefix", "regex"));
    List<String> fields = fields(where, match);
    FieldMatcher matcher = matcher(where, match);
    JsonNode sets = entry.path("sets");
    Optional<SoftwareRule> software = software(where, matcher, entry.path("software"));
    boolean noSets = sets.isMissingNode() || (sets.isObject() && sets.isEmpty());
    if (!(sets.isObject() || (sets.isMissingNode() && software.isPresent()))
        || (noSets && software.isEmpty())) {
      throw where.error(
          "missing 'sets' (a map of attribute values, e.g. vendor, category) or 'software'");
    }
    Map<String, String> literals = new LinkedHashMap<>();
    Map<String, Derivation> derived = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = sets.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      setAttribute(where, matcher, e.getKey(), e.getValue(), literals, derived);
    }
    return new Fingerprint(
        id,
        fields,
        matcher,
        literals,
        derived,
        confidence(where, entry),
        toolkit.asBoolean(false),
        software,
        text(where, entry, "source"),
        where.file());
  }

  /**
   * The entry's {@code software} map: {@code vendor} and {@code product} (each a literal or a
   * {@code ...From} derivation) are required, {@code version} optional.
   */
  private static Optional<SoftwareRule> software(Where where, FieldMatcher matcher, JsonNode node)
      throws KnowledgeBaseException {
    if (node.isMissingNode()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw where.error(
          "'software' must be a map with vendor, product and optionally version (or versionFrom)");
    }
    Map<String, String> literals = new LinkedHashMap<>();
    Map<String, Derivation> derived = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String base = key.endsWith("From") ? key.substring(0, key.length() - 4) : key;
      if (!SoftwareRule.KEYS.contains(base)) {
        throw where.error(
            "unknown key '"
                + key
                + "' in software; known: "
                + SoftwareRule.KEYS
                + " and each with From (e.g. versionFrom)");
      }
      if (key.endsWith("From")) {
        derived.put(base, groupRef(where, matcher, "software " + key, e.getValue()));
      } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
        throw where.error("software '" + key + "' must be a non-empty string");
      } else {
        literals.put(key, e.getValue().asText().trim());
      }
    }
    for (String required : List.of(SoftwareRule.VENDOR, SoftwareRule.PRODUCT)) {
      if (!literals.containsKey(required) && !derived.containsKey(required)) {
        throw where.error(
            "software needs '" + required + "' (or '" + required + "From'), e.g. " + EXAMPLE);
      }
    }
    return Optional.of(new SoftwareRule(literals, derived));
  }

  private static final String EXAMPLE =
      "{vendor: OFFIS, product: DCMTK, versionFrom: \"{1}.{2}.{3}\"}";

  private static List<String> fields(Where where, JsonNode match) throws KnowledgeBaseException {
    List<String> fields = new ArrayList<>();
    if (match.has("field") == match.has("fields")) {
      throw where.error("match needs exactly one of 'field' or 'fields'");
    }
    if (match.has("field")) {
      fields.add(text(where, match, "field"));
    } else {
      if (!match.path("fields").isArray() || match.path("fields").isEmpty()) {
        throw where.error("match 'fields' must be a non-empty list");
      }
      for (JsonNode f : match.path("fields")) {
        if (!f.isTextual()) {
          throw where.error("match 'fields' must list field names");
        }
        fields.add(f.asText());
      }
    }
    for (String f : fields) {
      if (!FIELD_NAME.matcher(f).matches()) {
        throw where.error("field '" + f + "' is not of the form protocol.fieldName");
      }
    }
    return fields;
  }

  private static FieldMatcher matcher(Where where, JsonNode match) throws KnowledgeBaseException {
    int kinds =
        (match.has("equals") ? 1 : 0)
            + (match.has("prefix") ? 1 : 0)
            + (match.has("regex") ? 1 : 0);
    if (kinds != 1) {
      throw where.error("match needs exactly one of 'equals', 'prefix' or 'regex'");
    }
    if (match.has("equals")) {
      return FieldMatcher.equalsIgnoringCase(text(where, match, "equals"));
    }
    if (match.has("prefix")) {
      return FieldMatcher.prefixIgnoringCase(text(where, match, "prefix"));
    }
    return FieldMatcher.regex(regex(where, text(where, match, "regex")));
  }

  private static void setAttribute(
      Where where,
      FieldMatcher matcher,
      String key,
      JsonNode value,
      Map<String, String> literals,
      Map<String, Derivation> derived)
      throws KnowledgeBaseException {
    if (key.endsWith("From")) {
      String attribute = key.substring(0, key.length() - 4);
      if (!Attributes.DERIVABLE.contains(attribute)) {
        throw where.error(
            "'" + key + "' is not supported; derive one of " + Attributes.DERIVABLE + "From");
      }
      derived.put(attribute, groupRef(where, matcher, key, value));
      return;
    }
    if (!Attributes.SETTABLE.contains(key)) {
      throw where.error("unknown attribute '" + key + "' in sets; known: " + Attributes.SETTABLE);
    }
    if (key.equals(Attributes.MEDICAL)) {
      if (!value.isBoolean()) {
        throw where.error("'medical' must be true or false");
      }
      literals.put(key, Boolean.toString(value.asBoolean()));
      return;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw where.error("'" + key + "' must be a non-empty string");
    }
    String v = value.asText().trim();
    if (key.equals(Attributes.CATEGORY) && Category.fromId(v).isEmpty()) {
      throw where.error("unknown category '" + v + "'; known: " + categoryIds());
    }
    if (key.equals(Attributes.CRITICALITY) && Criticality.fromId(v).isEmpty()) {
      throw where.error("unknown criticality '" + v + "'; known: " + criticalityIds());
    }
    if (key.equals(Attributes.MODALITY) && !MODALITY.matcher(v).matches()) {
      throw where.error("modality '" + v + "' is not a DICOM modality code such as CT or MR");
    }
    literals.put(key, v);
  }

  private static Derivation groupRef(Where where, FieldMatcher matcher, String key, JsonNode value)
      throws KnowledgeBaseException {
    String ref = value.asText("");
    Derivation d =
        Derivation.parse(ref)
            .orElseThrow(
                () ->
                    where.error(
                        "'"
                            + key
                            + "' must be \"value\", \"group N\" or a template naming groups"
                            + " as {N}, not '"
                            + ref
                            + "'"));
    for (Derivation.Part p : d.parts()) {
      if (p.group() > matcher.groupCount()) {
        throw where.error(
            "'"
                + key
                + "' refers to group "
                + p.group()
                + " but the regex has "
                + matcher.groupCount()
                + " capturing group(s)");
      }
    }
    if (!ref.equals("value") && d.parts().stream().anyMatch(p -> p.group() == 0)) {
      throw where.error("'" + key + "' refers to group 0; use \"value\" for the observed value");
    }
    return d;
  }

  private static VendorAlias vendorAlias(Where where, String id, JsonNode entry)
      throws KnowledgeBaseException {
    only(where, entry, Set.of("id", "name", "patterns", "source"));
    JsonNode patterns = entry.path("patterns");
    if (!patterns.isArray() || patterns.isEmpty()) {
      throw where.error("'patterns' must be a non-empty list of regular expressions");
    }
    List<Pattern> compiled = new ArrayList<>();
    for (JsonNode p : patterns) {
      if (!p.isTextual()) {
        throw where.error("'patterns' must list regular expressions as strings");
      }
      compiled.add(regex(where, p.asText()));
    }
    return new VendorAlias(id, text(where, entry, "name"), compiled, text(where, entry, "source"));
  }

  private static ModuleMaker moduleMaker(Where where, String id, JsonNode entry)
      throws KnowledgeBaseException {
    only(where, entry, Set.of("id", "pattern", "confidence", "source"));
    return new ModuleMaker(
        id,
        regex(where, text(where, entry, "pattern")),
        confidence(where, entry),
        text(where, entry, "source"));
  }

  private static CriticalityRule criticalityRule(Where where, String id, JsonNode entry)
      throws KnowledgeBaseException {
    only(where, entry, Set.of("id", "category", "criticality", "reason"));
    String category = text(where, entry, "category");
    String criticality = text(where, entry, "criticality");
    return new CriticalityRule(
        id,
        Category.fromId(category)
            .orElseThrow(
                () -> where.error("unknown category '" + category + "'; known: " + categoryIds())),
        Criticality.fromId(criticality)
            .orElseThrow(
                () ->
                    where.error(
                        "unknown criticality '" + criticality + "'; known: " + criticalityIds())),
        text(where, entry, "reason"));
  }

  private static PortName portName(Where where, String id, JsonNode entry)
      throws KnowledgeBaseException {
    only(where, entry, Set.of("id", "name", "source"));
    java.util.regex.Matcher m = PORT_ID.matcher(id);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      throw where.error("port id must look like tcp/3389 or udp/161");
    }
    String name = text(where, entry, "name");
    if (!PROTOCOL_NAME.matcher(name).matches()) {
      throw where.error("protocol name '" + name + "' must be lower-case, e.g. rdp");
    }
    return new PortName(
        id,
        m.group(1),
        Integer.parseInt(m.group(2)),
        name,
        entry.path("source").asText("IANA service name registry"));
  }

  private static SopClass sopClass(Where where, String id, JsonNode entry)
      throws KnowledgeBaseException {
    only(where, entry, Set.of("id", "name", "modality"));
    if (!id.matches("^[0-9]+(\\.[0-9]+)+$")) {
      throw where.error("id must be a SOP class UID");
    }
    String modality = text(where, entry, "modality");
    if (!MODALITY.matcher(modality).matches()) {
      throw where.error("modality '" + modality + "' is not a DICOM modality code");
    }
    return new SopClass(id, text(where, entry, "name"), modality);
  }

  private static void only(Where where, JsonNode node, Set<String> allowed)
      throws KnowledgeBaseException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw where.error(
            "unknown key '" + key + "' (allowed: " + allowed.stream().sorted().toList() + ")");
      }
    }
  }

  private static String text(Where where, JsonNode node, String key) throws KnowledgeBaseException {
    JsonNode v = node.path(key);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw where.error("missing or empty '" + key + "'");
    }
    return v.asText().trim();
  }

  private static double confidence(Where where, JsonNode entry) throws KnowledgeBaseException {
    JsonNode c = entry.path("confidence");
    if (!c.isNumber() || c.asDouble() < 0 || c.asDouble() > 1) {
      throw where.error("'confidence' must be a number from 0 to 1");
    }
    return c.asDouble();
  }

  private static Pattern regex(Where where, String regex) throws KnowledgeBaseException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw where.error("bad regular expression '" + regex + "': " + e.getDescription());
    }
  }

  private static String categoryIds() {
    return java.util.Arrays.stream(Category.values()).map(Category::id).toList().toString();
  }

  private static String criticalityIds() {
    return java.util.Arrays.stream(Criticality.values()).map(Criticality::id).toList().toString();
  }

  /** Checks the merged result: every category has a criticality rule, at most one each. */
  void validateMerged(String origin) throws KnowledgeBaseException {
    Map<Category, String> seen = new HashMap<>();
    for (CriticalityRule rule : criticality.values()) {
      String other = seen.putIfAbsent(rule.category(), rule.id());
      if (other != null) {
        throw new KnowledgeBaseException(
            origin
                + ": criticality entries '"
                + other
                + "' and '"
                + rule.id()
                + "' both rate category "
                + rule.category().id());
      }
    }
    for (Category c : Category.values()) {
      if (!seen.containsKey(c)) {
        throw new KnowledgeBaseException(
            origin + ": criticality has no entry for category '" + c.id() + "'");
      }
    }
  }
}
