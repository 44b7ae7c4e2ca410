package io.ward.exposure;

import io.ward.exposure.eol.EolCatalog;
import io.ward.exposure.eol.LatestFirmware;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.match.FleetMatch;
import io.ward.exposure.match.IdentifierMatcher;
import io.ward.exposure.match.MatchIndex;
import io.ward.exposure.match.RecallMatcher;
import io.ward.exposure.match.VendorAliases;
import io.ward.exposure.match.VexScope;
import io.ward.exposure.mds2.DeclaredSecurity;
import io.ward.exposure.mds2.Mds2Catalog;
import io.ward.exposure.remediation.RemediationOptions;
import io.ward.exposure.risk.ClinicalContext;
import io.ward.exposure.risk.ClinicalRubric;
import io.ward.exposure.risk.DeviceRiskRollup;
import io.ward.exposure.risk.NetworkServices;
import io.ward.exposure.risk.RiskAssessor;
import io.ward.exposure.risk.ServiceMention;
import io.ward.exposure.risk.ServiceUse;
import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.DeviceRisk;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.KevEntry;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import io.ward.model.exposure.Vulnerability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exposure analysis: matches devices (and their models' SBOMs) against advisories, adds
 * recalls, end-of-life platforms and outdated firmware, applies VEX statements, scores every
 * finding in its clinical context and sums each device up. Plain Java, no storage.
 *
 * <p>When an advisory's text names the network service its flaw is reached through ({@link
 * NetworkServices}), the device's observed protocols tell whether that service was seen in use
 * ({@link ServiceUse}); a device seen serving for at least {@link
 * ExposureOptions#serviceObservationMinimum()} that never served or used it gets the {@code
 * service-not-observed} compensating control for that finding.
 */
public final class ExposureAnalyzer {

  private final VendorAliases aliases;
  private final ClinicalRubric rubric;
  private final EolCatalog eol;
  private final NetworkServices services = NetworkServices.defaults();

  /** An analyzer with Ward's shipped data files. */
  public ExposureAnalyzer() {
    this(VendorAliases.defaults(), ClinicalRubric.defaults(), EolCatalog.defaults());
  }

  /** An analyzer with the given data (e.g. extended by the user). */
  public ExposureAnalyzer(VendorAliases aliases, ClinicalRubric rubric, EolCatalog eol) {
    this.aliases = aliases;
    this.rubric = rubric;
    this.eol = eol;
  }

  /** Analyses the devices against the knowledge. */
  public ExposureReport analyze(
      List<Device> devices, ExposureKnowledge knowledge, ExposureOptions options) {
    MatchIndex index = MatchIndex.build(knowledge.advisories(), aliases);
    boolean uniqueIds = devices.stream().map(Device::id).distinct().count() == devices.size();
    FleetMatch matched = uniqueIds ? index.matchAll(devices, knowledge.sboms()) : null;
    RecallMatcher recalls = new RecallMatcher(aliases);
    IdentifierMatcher identifiers = new IdentifierMatcher(knowledge.advisories(), aliases);
    LatestFirmware latest = LatestFirmware.of(knowledge.advisories());
    Map<String, KevEntry> kev = knowledge.kevByCve();
    Map<String, EpssScore> epss = knowledge.epssByCve();
    Map<String, Vulnerability> vulns = vulnerabilities(knowledge.advisories());
    Map<String, Advisory> advisories = new HashMap<>();
    knowledge.advisories().forEach(a -> advisories.putIfAbsent(a.id(), a));
    Map<String, Optional<ServiceMention>> mentions = new HashMap<>();
    EolCatalog eolCatalog = options.eol().orElse(eol);
    Mds2Catalog mds2 = Mds2Catalog.of(knowledge.mds2(), aliases);

    List<AssessedFinding> all = new ArrayList<>();
    List<DeviceRisk> risks = new ArrayList<>();
    for (Device d : devices) {
      List<Finding> findings =
          new ArrayList<>(
              matched != null ? matched.findingsOf(d.id()) : index.match(d, knowledge.sboms()));
      findings = new ArrayList<>(IdentifierMatcher.merge(findings, identifiers.match(d)));
      findings.removeIf(f -> vexDocumentsOwnRuling(f, knowledge.vexDocuments()));
      findings = applyVex(findings, knowledge.vex(), VexScope.of(d, knowledge.sboms(), aliases));
      findings.addAll(latest.findings(d, findings));
      eolCatalog.finding(d, options.today()).ifPresent(findings::add);
      findings.addAll(recalls.match(d, knowledge.recalls()));
      if (!options.includeNotAffected()) {
        findings.removeIf(f -> f.status() == FindingStatus.NOT_AFFECTED);
      }
      if (findings.isEmpty()) {
        continue;
      }
      ClinicalContext clinical = rubric.contextOf(d);
      Optional<DeclaredSecurity> declared = mds2.forDevice(d);
      // The form's lines and advice are the same for every finding of the device.
      List<String> declaredLines = declared.map(DeclaredSecurity::rationale).orElse(List.of());
      List<RemediationOption> declaredAdvice =
          declared.map(DeclaredSecurity::advice).orElse(List.of());
      Map<String, RiskAssessment> byId = new HashMap<>();
      for (Finding f : findings) {
        Optional<Vulnerability> v =
            Optional.ofNullable(vulns.get(f.advisoryId() + "|" + f.vulnerability()));
        Optional<KevEntry> inKev = f.cve().map(kev::get);
        Optional<ServiceUse> service =
            mention(f, v, advisories, mentions)
                .map(m -> ServiceUse.of(d, m, options.serviceObservationMinimum()));
        RiskAssessment r =
            RiskAssessor.assess(
                f, v, inKev, f.cve().map(epss::get), clinical, options.exposureOf(d.id()), service);
        List<RemediationOption> remediations =
            new ArrayList<>(
                f.kind() == FindingKind.VULNERABILITY
                    ? RemediationOptions.of(f, v, d.category())
                    : lifecycleAdvice(f, d));
        if (declared.isPresent() && f.status() != FindingStatus.NOT_AFFECTED) {
          r = DeclaredSecurity.explain(r, declaredLines);
          // The maker's own declarations are the most specific advice Ward has: before its
          // category advice, after the advisory's fixes.
          remediations.addAll(firstWardAdvice(remediations), declaredAdvice);
        }
        byId.put(f.id(), r);
        all.add(new AssessedFinding(f, r, remediations, inKev.flatMap(KevEntry::dueDate)));
      }
      risks.add(DeviceRiskRollup.of(d.id(), findings, byId));
    }
    all.sort(
        Comparator.<AssessedFinding>comparingInt(a -> -a.risk().score())
            .thenComparing(a -> a.finding().id()));
    risks.sort(
        Comparator.comparing(DeviceRisk::decision)
            .thenComparingInt(r -> -r.score())
            .thenComparing(DeviceRisk::deviceId));
    return new ExposureReport(all, risks, knowledge.problems());
  }

  /**
   * The service an affected vulnerability is reached through by its advisory's words, read once per
   * advisory, vulnerability and matched product.
   */
  private Optional<ServiceMention> mention(
      Finding f,
      Optional<Vulnerability> v,
      Map<String, Advisory> advisories,
      Map<String, Optional<ServiceMention>> memo) {
    if (f.kind() != FindingKind.VULNERABILITY
        || f.status() == FindingStatus.NOT_AFFECTED
        || v.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> productId = f.matchedBy().productId();
    return memo.computeIfAbsent(
        f.advisoryId() + "|" + f.vulnerability() + "|" + productId.orElse(""),
        k ->
            services.reachedThrough(
                v.get(),
                productId.flatMap(
                    id ->
                        Optional.ofNullable(advisories.get(f.advisoryId()))
                            .flatMap(a -> a.product(id))
                            .map(AffectedProduct::name))));
  }

  /**
   * True for a "not affected" finding a CSAF VEX document gives as an advisory (its {@code
   * known_not_affected} or {@code fixed}): the document's statements say it, on every advisory's
   * findings ({@link #applyVex}); kept, the finding would be listed a second time, as the VEX
   * document's own. Its affected findings stay: they are how a maker's "affected" becomes a
   * finding.
   */
  private static boolean vexDocumentsOwnRuling(Finding f, Set<String> vexDocuments) {
    return f.status() == FindingStatus.NOT_AFFECTED && vexDocuments.contains(f.advisoryId());
  }

  /**
   * A finding a maker declared not affected, or fixed, becomes not affected, with the reason. Only
   * a statement about the same component and a version it covers (inside this device, when the
   * statement names the product or the SBOM the component is in), or about this device's product as
   * a whole at a version it covers (then for every finding of the vulnerability, the device's own
   * and its components'), counts; one whose versions, product or SBOM Ward cannot compare leaves
   * the finding as it was, with a note. A "fixed" counts as a "not affected" does, for the versions
   * it names (CSAF {@code fixed}, CycloneDX {@code resolved}: those versions contain the fix); one
   * that names no version says nothing of any. A maker's claim that does not hold at the finding's
   * version because its document lists that version with the status {@code unknown}, or with none
   * (CycloneDX: then affected), leaves the finding as it was with a note too ({@link
   * VexStatement.Unapplied}). The statements are tried in the order {@code vex} lists them,
   * document by document as their files were read: of several that apply, the first gives the
   * reason.
   */
  static List<Finding> applyVex(List<Finding> findings, List<VexStatement> vex, VexScope scope) {
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.status() == FindingStatus.NOT_AFFECTED) {
        out.add(f);
        continue;
      }
      Optional<VexStatement> applies = Optional.empty();
      VexScope.Verdict appliesHow = VexScope.Verdict.APPLIES;
      Optional<VexStatement> undecided = Optional.empty();
      VexScope.Verdict undecidedWhy = VexScope.Verdict.UNDECIDED;
      Optional<VexStatement> unapplied = Optional.empty();
      for (VexStatement s : vex) {
        if (!s.vulnerability().equalsIgnoreCase(f.vulnerability())) {
          continue;
        }
        if (!rulesOut(s)) {
          // A claim the maker made but listed these versions without: the note says so.
          if (unapplied.isEmpty() && s.unapplied().isPresent() && scope.verdict(s, f).applies()) {
            unapplied = Optional.of(s);
          }
          continue;
        }
        VexScope.Verdict verdict = scope.verdict(s, f);
        if (verdict.applies()) {
          applies = Optional.of(s);
          appliesHow = verdict;
          break;
        }
        if (verdict != VexScope.Verdict.DOES_NOT_APPLY && undecided.isEmpty()) {
          undecided = Optional.of(s);
          undecidedWhy = verdict;
        }
      }
      if (applies.isPresent()) {
        VexStatement st = applies.get();
        // Which statement, and, for one about the device as a whole, which product it names.
        String reason =
            "maker's VEX ("
                + st.source()
                + ")"
                + (appliesHow == VexScope.Verdict.APPLIES_TO_DEVICE
                    ? " about this device's product (" + wholeProduct(st) + ")"
                    : "")
                + ": "
                + ruling(st)
                + st.detail().map(d -> " — " + d).orElse("");
        out.add(withStatus(f, FindingStatus.NOT_AFFECTED, Optional.of(reason)));
      } else if (undecided.isPresent() || unapplied.isPresent()) {
        // Kept as it was: the notes say why the maker's claims were not followed.
        List<String> notes = new ArrayList<>(2);
        if (undecided.isPresent()) {
          notes.add(undecidedNote(undecided.get(), undecidedWhy));
        }
        unapplied.ifPresent(st -> notes.add(unappliedNote(st)));
        String note = String.join("; ", notes);
        out.add(
            withStatus(
                f,
                f.status(),
                Optional.of(f.statusReason().map(r -> r + "; " + note).orElse(note))));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** Why a statement whose scope Ward cannot decide was not applied to a finding. */
  private static String undecidedNote(VexStatement st, VexScope.Verdict undecidedWhy) {
    return switch (undecidedWhy) {
      case UNDECIDED_PLATFORM ->
          "maker's VEX ("
              + st.source()
              + ") says "
              + claim(st)
              + " for this component in '"
              + st.platform().map(AffectedProduct::name).orElse("")
              + "', and Ward cannot tell whether this device is that product at a"
              + " version it covers; not applied";
      case UNDECIDED_SBOM ->
          "maker's VEX ("
              + st.source()
              + ") says "
              + claim(st)
              + " for this component in the product of SBOM "
              + st.sbom().map(ExposureAnalyzer::linkedSerial).orElse("")
              + ", which Ward does not have (or which names no device model); not"
              + " applied";
      case UNDECIDED_DEVICE ->
          "maker's VEX ("
              + st.source()
              + ") says "
              + wholeProduct(st)
              + " is "
              + claim(st)
              + ", and Ward cannot tell whether this device is that"
              + " product at a version it covers; not applied";
      case UNDECIDED_DEVICE_SBOM ->
          "maker's VEX ("
              + st.source()
              + ") says "
              + wholeProduct(st)
              + " is "
              + claim(st)
              + ", and Ward does not have that SBOM (or it names no device"
              + " model) to tell whether this device is that product; not applied";
      default ->
          "maker's VEX ("
              + st.source()
              + ") says "
              + claim(st)
              + " for versions '"
              + VexScope.versionsText(st)
              + "', which Ward cannot compare with this component's version; not applied";
    };
  }

  /**
   * Why a maker's "not affected" or "fixed" was not applied to a finding at versions its document
   * lists with the status {@code unknown} or with none ({@link VexStatement.Unapplied}).
   */
  private static String unappliedNote(VexStatement st) {
    VexStatement.Unapplied u = st.unapplied().orElseThrow();
    boolean one = st.versions() instanceof VersionConstraint.Exact;
    return "maker's VEX ("
        + st.source()
        + ") says "
        + (u.claim() == VexStatement.VexStatus.FIXED ? "fixed" : "not affected")
        + " but lists "
        + (one ? "version '" : "versions '")
        + VexScope.versionsText(st)
        + "'"
        + (u.listed() == VexStatement.Unapplied.Listed.UNKNOWN
            ? " with the status unknown (the maker does not say whether "
                + (one ? "it is" : "they are")
                + " affected)"
            : " with no status, which CycloneDX reads as affected")
        + "; not applied";
  }

  /** True for the statements that rule a finding out: not affected, and fixed. */
  private static boolean rulesOut(VexStatement s) {
    return s.status() == VexStatement.VexStatus.NOT_AFFECTED
        || s.status() == VexStatement.VexStatus.FIXED;
  }

  /** What a statement that rules a finding out says, for notes: "not affected" or "fixed". */
  private static String claim(VexStatement s) {
    return s.status() == VexStatement.VexStatus.FIXED ? "fixed" : "not affected";
  }

  /** Why a statement rules a finding out, for reasons: the justification, or the status. */
  private static String ruling(VexStatement s) {
    if (s.status() == VexStatement.VexStatus.FIXED) {
      return "fixed";
    }
    return s.justification().map(j -> j.label()).orElse("not_affected");
  }

  /**
   * The serial number of the SBOM a BOM-link names, for notes (only a BOM-link can name an SBOM
   * Ward does not have).
   */
  private static String linkedSerial(VexSbom sbom) {
    return sbom instanceof VexSbom.Linked l ? l.serialNumber() : "";
  }

  /**
   * The product a statement is about as a whole, for reasons and notes: the CSAF product's full
   * name (with its versions), or the product an SBOM describes (its maker, model and version, or
   * its serial number when Ward does not have it).
   */
  private static String wholeProduct(VexStatement st) {
    VexDevice whole = st.device().orElseThrow();
    if (whole instanceof VexDevice.Product p) {
      return "'" + p.product().name() + "'";
    }
    VexSbom sbom = ((VexDevice.Described) whole).sbom();
    if (sbom instanceof VexSbom.Enclosing e) {
      return "'"
          + e.vendor().map(v -> v + " ").orElse("")
          + e.model()
          + e.version().map(v -> " " + v).orElse("")
          + "'";
    }
    return "the product of SBOM " + linkedSerial(sbom);
  }

  private static Finding withStatus(Finding f, FindingStatus status, Optional<String> reason) {
    return new Finding(
        f.id(),
        f.kind(),
        f.deviceId(),
        f.vulnerability(),
        f.advisoryId(),
        f.title(),
        status,
        reason,
        f.matchedBy());
  }

  /** Where Ward's own advice starts in a finding's options (the end when there is none). */
  private static int firstWardAdvice(List<RemediationOption> options) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).kind() == RemediationOption.Kind.COMPENSATING_CONTROL
          && options.get(i).source().equals("ward")) {
        return i;
      }
    }
    return options.size();
  }

  private static List<RemediationOption> lifecycleAdvice(Finding f, Device d) {
    List<RemediationOption> out = new ArrayList<>();
    if (f.kind() == FindingKind.OUTDATED_FIRMWARE) {
      out.add(
          new RemediationOption(
              RemediationOption.Kind.PATCH,
              "Update the firmware to "
                  + f.matchedBy().constraint().orElse("the latest version")
                  + " when the maker releases it for this model",
              f.matchedBy().constraint(),
              Optional.empty(),
              f.advisoryId()));
    }
    for (String advice : RemediationOptions.adviceFor(d.category())) {
      out.add(
          new RemediationOption(
              RemediationOption.Kind.COMPENSATING_CONTROL,
              advice,
              Optional.empty(),
              Optional.empty(),
              "ward"));
    }
    return out;
  }

  private static Map<String, Vulnerability> vulnerabilities(List<Advisory> advisories) {
    Map<String, Vulnerability> out = new HashMap<>();
    for (Advisory a : advisories) {
      for (Vulnerability v : a.vulnerabilities()) {
        out.putIfAbsent(a.id() + "|" + v.label(), v);
      }
    }
    return out;
  }
}
