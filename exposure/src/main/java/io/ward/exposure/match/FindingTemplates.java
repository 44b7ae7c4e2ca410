package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.MatchReason;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.ProductStatus;
import java.util.ArrayList;
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
   * FindingAssembler#dedupe} decides them), in no particular order.
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
    // The statements of one advisory product (one entry) come together, one per vulnerability:
    // they share the hit and what matched.
    int lastEntry = -1;
    PairEvaluator.Outcome lastOutcome = null;
    Hit hit = null;
    MatchReason why = null;
    for (int t = 0; t < r.size; t++) {
      int e = r.entry[t];
      Advisory a = index.advisoryOf(e);
      AffectedProduct p = index.productOf(e);
      int code = r.code[t];
      Optional<String> constraint = VersionReading.statedText(p.version(), p.cpes());
      if (e != lastEntry || SubjectResult.outcome(code) != lastOutcome) {
        hit = hit(s, r, e, p, constraint, code);
        why = FindingAssembler.reason(s, a, p, constraint, hit);
        lastEntry = e;
        lastOutcome = SubjectResult.outcome(code);
      }
      all.add(
          FindingAssembler.template(
                  s,
                  a,
                  p,
                  hit,
                  a.vulnerabilities().get(r.vuln[t]),
                  STATUSES[SubjectResult.productStatus(code)],
                  why)
              .orElseThrow(() -> new IllegalStateException("compact finding without a finding")));
    }
    if (r.size == r.distinct) {
      // One statement per finding key: suffixes cannot repeat. The device's order is made once
      // for all its subjects together, so no order is needed here.
      return all.toArray(NONE);
    }
    return FindingAssembler.dedupeTemplates(all);
  }

  private Hit hit(
      Subject subject,
      SubjectResult r,
      int e,
      AffectedProduct p,
      Optional<String> constraint,
      int code) {
    IdentityMatch m = index.matchFor(r.node.matchFor(index.groupOf(e)), e);
    MatchRule rule = m.rule(index.ruleOf(e));
    String stated = constraint.orElse("");
    if (rule == MatchRule.PURL && index.purlRange(e) != null) {
      stated = ProductIdentity.purlVersion(p).orElse(stated);
    }
    return PairEvaluator.hit(subject, p.name(), m, rule, SubjectResult.outcome(code), stated);
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
