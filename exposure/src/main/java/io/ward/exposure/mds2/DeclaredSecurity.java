package io.ward.exposure.mds2;

import io.ward.model.exposure.CapabilityDeclaration;
import io.ward.model.exposure.Mds2AnswerValue;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import io.ward.model.exposure.SecurityCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a maker's MDS2 form declares about a device's model, turned into rationale lines and Ward's
 * compensating-control advice. Only Yes and No answers count: "see note", N/A and empty answers say
 * nothing Ward can act on, so they give no line.
 *
 * @param form the form
 * @param versionNote how the form's version relates to the device's, empty when it is the same
 */
public record DeclaredSecurity(Mds2Form form, String versionNote) {

  public DeclaredSecurity {
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(versionNote, "versionNote");
  }

  /** The form named as the rationale cites it: maker, model, version, document, file. */
  public String citation() {
    return "maker's MDS2 form ("
        + form.manufacturer()
        + " "
        + form.model()
        + ", version "
        + form.version().orElse("not stated")
        + form.documentId().map(d -> ", document " + d).orElse("")
        + ", "
        + fileName()
        + ")";
  }

  /** The rationale lines: the form, then each declaration that bears on the risk. */
  public List<String> rationale() {
    List<String> out = new ArrayList<>();
    for (Rule r : RULES) {
      answer(r.capability)
          .filter(a -> a.value() == r.when)
          .ifPresent(a -> out.add(r.why + " (" + cite(a) + ")"));
    }
    if (vendorOnlyPatching()) {
      out.add(
          "patches are installed only by the maker or its authorised service ("
              + patchCitation()
              + ")");
    }
    if (out.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        citation() + " declares" + (versionNote.isEmpty() ? "" : " (" + versionNote + ")") + ":");
    out.forEach(l -> lines.add("  MDS2: " + l));
    return List.copyOf(lines);
  }

  /** Ward's advice drawn from the declarations, most specific first. */
  public List<RemediationOption> advice() {
    List<String> texts = new ArrayList<>();
    if (vendorOnlyPatching()) {
      texts.add(
          "Patching is the maker's job ("
              + patchCitation()
              + "): contact "
              + form.manufacturer()
              + " for the validated patch and book its service; do not install operating-system"
              + " updates on the device yourself.");
    } else if (is(SecurityCapability.THIRD_PARTY_PATCHES_WITHOUT_APPROVAL, Mds2AnswerValue.NO)) {
      texts.add(
          "Install only operating-system updates "
              + form.manufacturer()
              + " has validated for this model ("
              + cite(SecurityCapability.THIRD_PARTY_PATCHES_WITHOUT_APPROVAL)
              + ").");
    }
    if (is(SecurityCapability.ENCRYPTION_IN_TRANSIT, Mds2AnswerValue.NO)) {
      texts.add(
          "The maker declares no encryption in transit ("
              + cite(SecurityCapability.ENCRYPTION_IN_TRANSIT)
              + "): isolate the device's network services on a dedicated segment, allow only its"
              + " known peers, and carry traffic that must leave the segment through an encrypted"
              + " tunnel.");
    }
    if (is(SecurityCapability.REMOTE_SERVICE, Mds2AnswerValue.YES)) {
      texts.add(
          "The maker's remote service is enabled ("
              + cite(SecurityCapability.REMOTE_SERVICE)
              + "): restrict remote access to the maker's gateway, opened on demand and logged,"
              + " and disable it when no service is booked.");
    }
    if (is(SecurityCapability.MALWARE_PROTECTION, Mds2AnswerValue.NO)) {
      texts.add(
          "No anti-malware can run on the device ("
              + cite(SecurityCapability.MALWARE_PROTECTION)
              + "): keep removable media and web browsing off it, scan media before use"
              + (is(SecurityCapability.APPLICATION_ALLOWLISTING, Mds2AnswerValue.YES)
                  ? ", keep its application allow-list on ("
                      + cite(SecurityCapability.APPLICATION_ALLOWLISTING)
                      + ")"
                  : "")
              + " and watch its traffic for malware.");
    }
    if (is(SecurityCapability.AUTHENTICATION, Mds2AnswerValue.NO)) {
      texts.add(
          "The device asks no one to log in ("
              + cite(SecurityCapability.AUTHENTICATION)
              + "): keep it where access is physically controlled and allow its configuration"
              + " services only from the clinical engineering workstations.");
    }
    List<RemediationOption> out = new ArrayList<>();
    String source = "ward (" + citation() + ")";
    for (String t : texts) {
      out.add(
          new RemediationOption(
              RemediationOption.Kind.COMPENSATING_CONTROL,
              t,
              Optional.empty(),
              Optional.empty(),
              source));
    }
    return List.copyOf(out);
  }

  /**
   * The assessment with the form's lines added before its closing decision line, so the reader
   * meets them among the other inputs. They inform; they change neither decision nor score.
   */
  public RiskAssessment explain(RiskAssessment r) {
    return explain(r, rationale());
  }

  /**
   * As {@link #explain(RiskAssessment)} with this form's {@link #rationale()} computed once for all
   * of a device's findings.
   */
  public static RiskAssessment explain(RiskAssessment r, List<String> lines) {
    if (lines.isEmpty()) {
      return r;
    }
    List<String> why = new ArrayList<>(r.rationale());
    int at =
        why.isEmpty() || !why.get(why.size() - 1).startsWith("decision:")
            ? why.size()
            : why.size() - 1;
    why.addAll(at, lines);
    return new RiskAssessment(
        r.cvssVector(),
        r.baseScore(),
        r.clinicalScore(),
        r.kev(),
        r.ransomware(),
        r.epss(),
        r.exploitation(),
        r.automatable(),
        r.technicalImpact(),
        r.missionWellbeing(),
        r.decision(),
        r.score(),
        why);
  }

  /** One declaration that bears on risk when answered {@code when}. */
  private record Rule(SecurityCapability capability, Mds2AnswerValue when, String why) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              SecurityCapability.ENCRYPTION_IN_TRANSIT,
              Mds2AnswerValue.NO,
              "no encryption of data in transit: what the device sends can be read or altered on"
                  + " the network"),
          new Rule(
              SecurityCapability.ENCRYPTION_IN_TRANSIT,
              Mds2AnswerValue.YES,
              "data in transit is encrypted"),
          new Rule(
              SecurityCapability.AUTHENTICATION, Mds2AnswerValue.NO, "no user login is required"),
          new Rule(
              SecurityCapability.REMOTE_SERVICE,
              Mds2AnswerValue.YES,
              "remote service connections are permitted: a path in from outside the hospital"),
          new Rule(
              SecurityCapability.MALWARE_PROTECTION,
              Mds2AnswerValue.NO,
              "no anti-malware can be installed"),
          new Rule(
              SecurityCapability.APPLICATION_ALLOWLISTING,
              Mds2AnswerValue.YES,
              "application allow-listing is supported"),
          new Rule(
              SecurityCapability.THIRD_PARTY_PATCHES_WITHOUT_APPROVAL,
              Mds2AnswerValue.NO,
              "operating-system security updates need the maker's approval"),
          new Rule(
              SecurityCapability.AUDIT_LOGGING,
              Mds2AnswerValue.NO,
              "the device keeps no audit log"));

  /** The maker or its service must patch and the owner may not (CSUP-2.2 Yes, CSUP-2.1 not Yes). */
  private boolean vendorOnlyPatching() {
    return is(SecurityCapability.VENDOR_INSTALLS_PATCHES, Mds2AnswerValue.YES)
        && !is(SecurityCapability.OWNER_INSTALLS_PATCHES, Mds2AnswerValue.YES);
  }

  private String patchCitation() {
    return cite(SecurityCapability.VENDOR_INSTALLS_PATCHES)
        + answer(SecurityCapability.OWNER_INSTALLS_PATCHES).map(a -> ", " + cite(a)).orElse("");
  }

  private boolean is(SecurityCapability c, Mds2AnswerValue v) {
    return answer(c).map(a -> a.value() == v).orElse(false);
  }

  private Optional<CapabilityDeclaration> answer(SecurityCapability c) {
    return form.capability(c);
  }

  private String cite(SecurityCapability c) {
    return answer(c).map(DeclaredSecurity::cite).orElse(c.name());
  }

  /** "TXCF-2 No": the deciding question and its answer. */
  private static String cite(CapabilityDeclaration a) {
    String answer =
        switch (a.value()) {
          case YES -> "Yes";
          case NO -> "No";
          case NOT_APPLICABLE -> "N/A";
          case SEE_NOTE -> "see note";
          default -> "answered";
        };
    return a.questionIds().get(0) + " " + answer;
  }

  private String fileName() {
    String s = form.source();
    return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  }
}
