package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.ProductStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the {@link FindingTemplate}s of a subject result, once per distinct subject text (the same
 * component in many SBOMs, the same model and firmware on many devices): the explanations are
 * written once, not once per device. Safe to use from several threads: two threads may both make
 * the same templates, and one of them is kept.
 */
final class FindingTemplates {

  private static final ProductStatus[] STATUSES = ProductStatus.values();
  private static final FindingTemplate[] NONE = new FindingTemplate[0];

  private final MatchIndex index;

  FindingTemplates(MatchIndex index) {
    this.index = index;
  }

  /**
   * The templates of one subject: one per finding id (ties between statements decided as {@link
   * FindingAssembler#dedupe} decides them), sorted by id suffix.
   *
   * @param r the subject's result (identity and version)
   * @param attribute the subject attribute ({@code model}, {@code sbom:<name>@<version>})
   * @param modelText the model or component name as written
   * @param version the version as written
   * @param versionAttribute {@code firmware} or {@code version}
   */
  FindingTemplate[] of(
      SubjectResult r,
      String attribute,
      String modelText,
      Optional<Version> version,
      String versionAttribute) {
    if (r.size == 0) {
      return NONE;
    }
    String versionText = version.map(Version::text).orElse(null);
    Made head = r.templates;
    for (Made m = head; m != null; m = m.next) {
      if (m.attribute.equals(attribute)
          && m.modelText.equals(modelText)
          && Objects.equals(m.versionText, versionText)
          && m.versionAttribute.equals(versionAttribute)) {
        return m.templates;
      }
    }
    Subject s =
        new Subject(
            "",
            attribute,
            r.node.identity,
            modelText,
            version,
            versionAttribute,
            List.of(),
            Optional.empty());
    FindingTemplate[] made = make(s, r);
    r.templates = new Made(attribute, modelText, versionText, versionAttribute, made, head);
    return made;
  }

  private FindingTemplate[] make(Subject s, SubjectResult r) {
    List<FindingTemplate> all = new ArrayList<>(r.size);
    for (int t = 0; t < r.size; t++) {
      all.add(template(s, r, t));
    }
    if (r.size == r.distinct) {
      // One statement per finding key: suffixes cannot repeat, sorting is enough.
      FindingTemplate[] out = all.toArray(NONE);
      Arrays.sort(out, FindingAssembler.BY_SUFFIX);
      return out;
    }
    return FindingAssembler.dedupeTemplates(all);
  }

  private FindingTemplate template(Subject subject, SubjectResult r, int t) {
    int e = r.entry[t];
    Advisory a = index.advisoryOf(e);
    AffectedProduct p = index.productOf(e);
    IdentityMatch m = r.node.matchFor(index.groupOf(e));
    MatchRule rule = m.rule(index.ruleOf(e));
    Optional<String> constraint = VersionReading.statedText(p.version(), p.cpes());
    String stated = constraint.orElse("");
    if (rule == MatchRule.PURL && index.purlRange(e) != null) {
      stated = ProductIdentity.purlVersion(p).orElse(stated);
    }
    int code = r.code[t];
    Hit hit = PairEvaluator.hit(subject, p.name(), m, rule, SubjectResult.outcome(code), stated);
    return FindingAssembler.template(
            subject,
            a,
            p,
            constraint,
            hit,
            a.vulnerabilities().get(r.vuln[t]),
            STATUSES[SubjectResult.productStatus(code)])
        .orElseThrow(() -> new IllegalStateException("compact finding without a finding"));
  }

  /** The templates made for one subject text, and those made for other texts before. */
  static final class Made {
    final String attribute;
    final String modelText;
    final String versionText;
    final String versionAttribute;
    final FindingTemplate[] templates;
    final Made next;

    Made(
        String attribute,
        String modelText,
        String versionText,
        String versionAttribute,
        FindingTemplate[] templates,
        Made next) {
      this.attribute = attribute;
      this.modelText = modelText;
      this.versionText = versionText;
      this.versionAttribute = versionAttribute;
      this.templates = templates;
      this.next = next;
    }
  }
}
