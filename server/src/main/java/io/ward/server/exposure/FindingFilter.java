package io.ward.server.exposure;

import io.ward.model.Category;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import java.util.Optional;

/**
 * What a findings listing keeps: every given filter must hold. Values are already checked (the API
 * turns unknown ids into a 400 before one is built); text is matched as a substring, never as SQL.
 *
 * @param status only this status
 * @param kevOnly only findings whose CVE is in CISA KEV
 * @param decision only this SSVC-style decision
 * @param kind only this kind (vulnerability, end of life, outdated firmware, recall)
 * @param category only devices of this category
 * @param vendor only devices whose vendor contains this (any case)
 * @param text in the CVE, the advisory key or the title (any case)
 * @param ascending lowest score first instead of highest
 */
public record FindingFilter(
    Optional<FindingStatus> status,
    boolean kevOnly,
    Optional<Decision> decision,
    Optional<FindingKind> kind,
    Optional<Category> category,
    Optional<String> vendor,
    Optional<String> text,
    boolean ascending) {}
