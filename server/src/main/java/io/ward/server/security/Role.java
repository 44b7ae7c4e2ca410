package io.ward.server.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a Ward user may do; each user has one role. */
public enum Role {
  /** Everything, including users and the audit log. */
  ADMIN,
  /** Ingests captures and feeds, triages findings, runs remediation. */
  SECURITY_ANALYST,
  /** Runs remediation and device records for clinical engineering. */
  CLINICAL_ENGINEER,
  /** Reads everything, including the audit log and reports; changes nothing. */
  AUDITOR;

  /** The kebab-case id, e.g. {@code security-analyst}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The Spring Security authority, e.g. {@code ROLE_SECURITY_ANALYST}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role with this kebab-case id. */
  public static Optional<Role> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }
}
