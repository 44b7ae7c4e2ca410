package io.ward.exposure.feeds.csaf;

import com.fasterxml.jackson.databind.JsonNode;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.LegacyVersionRange;
import io.ward.exposure.version.LegacyRanges;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.FileHash;
import io.ward.model.exposure.ProductRelationship;
import io.ward.model.exposure.VersionConstraint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a CSAF 2.0 {@code product_tree} (§3.1.2.3 and §3.2.2): branches carrying vendor / product
 * name / family / version context down to their products, {@code full_product_names}, relationships
 * (combined products) and product groups.
 */
final class ProductTreeParser {

  /** Deepest branch nesting followed; the schema has no limit, real trees use 3 to 5. */
  private static final int MAX_DEPTH = 32;

  private final Path file;
  private final List<FeedProblem> problems;
  private final Map<String, AffectedProduct> products = new LinkedHashMap<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private int treeProducts;

  ProductTreeParser(Path file, List<FeedProblem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Context inherited down the branches. */
  private record Context(
      Optional<String> vendor,
      Optional<String> productName,
      Optional<String> family,
      VersionConstraint version) {

    static Context root() {
      return new Context(
          Optional.empty(), Optional.empty(), Optional.empty(), new VersionConstraint.Unknown());
    }

    Context with(String category, String name) {
      return switch (category) {
        case "vendor" -> new Context(Optional.of(name), productName, family, version);
        case "product_name" -> new Context(vendor, Optional.of(name), family, version);
        case "product_family" -> new Context(vendor, productName, Optional.of(name), version);
        case "product_version" -> new Context(vendor, productName, family, version(name));
        case "product_version_range" ->
            new Context(vendor, productName, family, LegacyVersionRange.constraint(name));
        default -> this; // architecture, host_name, language, legacy, patch_level, …
      };
    }

    /**
     * A {@code product_version}: one version, but CISA writes ranges there too ({@code 2.3.6 and
     * below}), which the matcher reads. A date ({@code <8.30.2024}, {@code <8/30/2024}) bounds a
     * period of distribution, not a version: kept as text Ward does not read, as in a {@code
     * product_version_range}, so it is never compared with a firmware version.
     */
    private static VersionConstraint version(String name) {
      return LegacyRanges.statesDate(name)
          ? LegacyVersionRange.constraint(name)
          : new VersionConstraint.Exact(name);
    }
  }

  void parse(JsonNode tree) {
    List<JsonNode> branches = Json.array(tree, "branches");
    for (int i = 0; i < branches.size(); i++) {
      branch(branches.get(i), Context.root(), "/product_tree/branches/" + i, 1);
    }
    List<JsonNode> names = Json.array(tree, "full_product_names");
    for (int i = 0; i < names.size(); i++) {
      product(names.get(i), Context.root(), "/product_tree/full_product_names/" + i, true);
    }
    List<JsonNode> relationships = Json.array(tree, "relationships");
    for (int i = 0; i < relationships.size(); i++) {
      relationship(relationships.get(i), "/product_tree/relationships/" + i);
    }
    List<JsonNode> productGroups = Json.array(tree, "product_groups");
    for (int i = 0; i < productGroups.size(); i++) {
      JsonNode group = productGroups.get(i);
      Optional<String> id = Json.text(group, "group_id");
      if (id.isEmpty()) {
        problems.add(
            FeedProblem.warning(
                file, "/product_tree/product_groups/" + i, "product group without group_id"));
        continue;
      }
      groups.put(id.get(), Json.strings(group, "product_ids"));
    }
  }

  Map<String, AffectedProduct> products() {
    return products;
  }

  Map<String, List<String>> groups() {
    return groups;
  }

  /** Products from branches and full_product_names (relationships not counted). */
  int treeProducts() {
    return treeProducts;
  }

  private void branch(JsonNode branch, Context parent, String pointer, int depth) {
    if (depth > MAX_DEPTH) {
      problems.add(FeedProblem.error(file, pointer, "branches nested deeper than " + MAX_DEPTH));
      return;
    }
    if (!branch.isObject()) {
      problems.add(FeedProblem.warning(file, pointer, "branch is not an object"));
      return;
    }
    String category = Json.textOr(branch, "category", "").toLowerCase(Locale.ROOT);
    Optional<String> name = Json.text(branch, "name");
    Context context = name.isPresent() ? parent.with(category, name.get()) : parent;
    Json.object(branch, "product").ifPresent(p -> product(p, context, pointer + "/product", true));
    List<JsonNode> children = Json.array(branch, "branches");
    for (int i = 0; i < children.size(); i++) {
      branch(children.get(i), context, pointer + "/branches/" + i, depth + 1);
    }
  }

  private Optional<AffectedProduct> product(
      JsonNode node, Context context, String pointer, boolean countInTree) {
    Optional<String> id = Json.text(node, "product_id");
    if (id.isEmpty()) {
      problems.add(FeedProblem.error(file, pointer, "product without product_id, skipped"));
      return Optional.empty();
    }
    if (products.containsKey(id.get())) {
      problems.add(
          FeedProblem.warning(
              file, pointer, "product_id " + id.get() + " defined twice, first kept"));
      return Optional.empty();
    }
    JsonNode helper =
        Json.object(node, "product_identification_helper").orElse(Json.mapper().createObjectNode());
    AffectedProduct product =
        new AffectedProduct(
            id.get(),
            Json.textOr(node, "name", id.get()),
            context.vendor(),
            context.productName(),
            context.family(),
            context.version(),
            Json.strings(helper, "model_numbers"),
            Json.strings(helper, "skus"),
            Json.text(helper, "cpe").stream().toList(),
            purls(helper),
            Json.strings(helper, "serial_numbers"),
            hashes(helper),
            Optional.empty());
    products.put(product.productId(), product);
    if (countInTree) {
      treeProducts++;
    }
    return Optional.of(product);
  }

  /** CSAF 2.0 has one {@code purl}; CSAF 2.1 a {@code purls} list: accept both. */
  private static List<String> purls(JsonNode helper) {
    List<String> purls = new ArrayList<>(Json.text(helper, "purl").stream().toList());
    purls.addAll(Json.strings(helper, "purls"));
    return purls;
  }

  private static List<FileHash> hashes(JsonNode helper) {
    List<FileHash> hashes = new ArrayList<>();
    for (JsonNode entry : Json.array(helper, "hashes")) {
      Optional<String> filename = Json.text(entry, "filename");
      for (JsonNode hash : Json.array(entry, "file_hashes")) {
        Optional<String> algorithm = Json.text(hash, "algorithm");
        Optional<String> value = Json.text(hash, "value");
        if (filename.isPresent() && algorithm.isPresent() && value.isPresent()) {
          hashes.add(new FileHash(filename.get(), algorithm.get(), value.get()));
        }
      }
    }
    return hashes;
  }

  private void relationship(JsonNode node, String pointer) {
    Optional<ProductRelationship.Category> category =
        Json.text(node, "category").flatMap(ProductTreeParser::relationshipCategory);
    Optional<String> ref = Json.text(node, "product_reference");
    Optional<String> relatesTo = Json.text(node, "relates_to_product_reference");
    Optional<JsonNode> full = Json.object(node, "full_product_name");
    if (category.isEmpty() || ref.isEmpty() || relatesTo.isEmpty() || full.isEmpty()) {
      problems.add(
          FeedProblem.error(
              file,
              pointer,
              "relationship needs category, product_reference, relates_to_product_reference"
                  + " and full_product_name; skipped"));
      return;
    }
    // The combined product is the component in its context: it keeps the component's identity
    // (vendor, name, version, identifiers) and says where it is installed. The platform side (a
    // device known only as the platform) is derived for matching in match.DerivedProducts, so the
    // advisory keeps the products the document lists.
    AffectedProduct component = products.get(ref.get());
    if (component == null || !products.containsKey(relatesTo.get())) {
      problems.add(
          FeedProblem.warning(
              file, pointer, "relationship refers to a product_id not defined in the tree"));
    }
    Context context =
        component == null
            ? Context.root()
            : new Context(
                component.vendor(),
                component.productName(),
                component.productFamily(),
                component.version());
    product(full.get(), context, pointer + "/full_product_name", false)
        .ifPresent(
            p -> {
              AffectedProduct combined =
                  new AffectedProduct(
                      p.productId(),
                      p.name(),
                      p.vendor(),
                      p.productName(),
                      p.productFamily(),
                      p.version(),
                      merge(p.modelNumbers(), component, AffectedProduct::modelNumbers),
                      merge(p.skus(), component, AffectedProduct::skus),
                      merge(p.cpes(), component, AffectedProduct::cpes),
                      merge(p.purls(), component, AffectedProduct::purls),
                      merge(p.serialNumbers(), component, AffectedProduct::serialNumbers),
                      p.hashes(),
                      Optional.of(
                          new ProductRelationship(category.get(), ref.get(), relatesTo.get())));
              products.put(combined.productId(), combined);
            });
  }

  private static List<String> merge(
      List<String> own,
      AffectedProduct component,
      java.util.function.Function<AffectedProduct, List<String>> field) {
    if (!own.isEmpty() || component == null) {
      return own;
    }
    return field.apply(component);
  }

  private static Optional<ProductRelationship.Category> relationshipCategory(String text) {
    try {
      return Optional.of(ProductRelationship.Category.valueOf(text.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
