package io.ward.server.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one authorization table: which roles may call which endpoint pattern with which method. The
 * security configuration is built from it, and the every-endpoint × every-role test checks answers
 * against it. The first matching rule decides; a request no rule matches is refused.
 */
public final class AuthorizationTable {

  /** Who may pass a rule. */
  public enum Access {
    /** Anyone, signed in or not. */
    PUBLIC,
    /** The roles listed. */
    ROLES
  }

  /**
   * One rule.
   *
   * @param method the HTTP method, or empty for every method
   * @param pattern a Spring path pattern ({@code *} one segment, {@code /**} the rest)
   * @param access public or role-based
   * @param roles the roles allowed when {@code access} is {@link Access#ROLES}
   */
  public record Rule(Optional<HttpMethod> method, String pattern, Access access, Set<Role> roles) {
    public Rule {
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** True when this rule speaks about the request. */
    public boolean matches(HttpMethod m, String path) {
      return method.map(x -> x.equals(m)).orElse(true)
          && PARSER.parse(pattern).matches(PathContainer.parsePath(path));
    }
  }

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
  private static final Set<Role> ALL = EnumSet.allOf(Role.class);
  private static final Set<Role> INGEST = EnumSet.of(Role.ADMIN, Role.SECURITY_ANALYST);
  private static final Set<Role> REMEDIATE =
      EnumSet.of(Role.ADMIN, Role.SECURITY_ANALYST, Role.CLINICAL_ENGINEER);
  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
  private static final Set<Role> AUDIT = EnumSet.of(Role.ADMIN, Role.AUDITOR);

  private static final List<Rule> RULES =
      List.of(
          // Sign-in, first-start setup, errors and static assets.
          open(HttpMethod.GET, "/login"),
          open(HttpMethod.POST, "/login"),
          open(HttpMethod.GET, "/setup"),
          open(HttpMethod.POST, "/setup"),
          open(null, "/error"),
          open(HttpMethod.GET, "/css/**"),
          open(HttpMethod.GET, "/js/**"),
          open(HttpMethod.GET, "/img/**"),
          open(HttpMethod.GET, "/webjars/**"),
          open(HttpMethod.GET, "/favicon.ico"),
          roles(HttpMethod.POST, "/logout", ALL),
          // REST API: reading is for every role.
          roles(HttpMethod.GET, "/api/v1/audit/**", AUDIT),
          roles(null, "/api/v1/users/**", ADMIN),
          roles(HttpMethod.POST, "/api/v1/me/password", ALL),
          roles(null, "/api/v1/tokens/**", ALL),
          roles(HttpMethod.GET, "/api/v1/**", ALL),
          roles(HttpMethod.POST, "/api/v1/captures", INGEST),
          roles(HttpMethod.POST, "/api/v1/feeds/sync", ADMIN),
          roles(HttpMethod.POST, "/api/v1/feeds/**", INGEST),
          roles(HttpMethod.POST, "/api/v1/sboms", INGEST),
          roles(HttpMethod.POST, "/api/v1/mds2", INGEST),
          roles(HttpMethod.POST, "/api/v1/cmdb", INGEST),
          roles(HttpMethod.POST, "/api/v1/jobs/*/cancel", INGEST),
          roles(HttpMethod.PATCH, "/api/v1/findings/**", INGEST),
          // A group record (every open finding of an advisory or CVE) is opened by the same roles.
          roles(HttpMethod.POST, "/api/v1/remediations/groups", REMEDIATE),
          roles(HttpMethod.POST, "/api/v1/remediations/**", REMEDIATE),
          roles(HttpMethod.POST, "/api/v1/remediations", REMEDIATE),
          roles(HttpMethod.PUT, "/api/v1/remediations/**", REMEDIATE),
          roles(HttpMethod.PATCH, "/api/v1/remediations/**", REMEDIATE),
          roles(HttpMethod.PATCH, "/api/v1/devices/**", REMEDIATE),
          roles(HttpMethod.GET, "/v3/api-docs/**", ALL),
          roles(HttpMethod.GET, "/swagger-ui/**", ALL),
          roles(HttpMethod.GET, "/swagger-ui.html", ALL),
          // Web console pages and their forms.
          roles(null, "/admin/**", ADMIN),
          roles(HttpMethod.GET, "/audit/**", AUDIT),
          roles(HttpMethod.GET, "/upload/**", INGEST),
          roles(HttpMethod.POST, "/upload/**", INGEST),
          roles(HttpMethod.POST, "/jobs/*/cancel", INGEST),
          roles(HttpMethod.POST, "/findings/**", INGEST),
          // The console's edit form is the API's PATCH /api/v1/remediations/{id}: same roles.
          roles(HttpMethod.POST, "/remediations/*/edit", REMEDIATE),
          roles(HttpMethod.POST, "/remediations/groups", REMEDIATE),
          roles(HttpMethod.POST, "/remediations/**", REMEDIATE),
          // Advisories and their devices are read by every role, as the API's GETs are.
          roles(HttpMethod.GET, "/advisories/**", ALL),
          roles(HttpMethod.POST, "/devices/**", REMEDIATE),
          roles(null, "/tokens/**", ALL),
          roles(null, "/account/**", ALL),
          roles(HttpMethod.GET, "/", ALL),
          roles(HttpMethod.GET, "/**", ALL));

  private AuthorizationTable() {}

  /** Every rule, in the order they are tried. */
  public static List<Rule> rules() {
    return RULES;
  }

  /** The rule deciding a request, if any (none means refused). */
  public static Optional<Rule> ruleFor(HttpMethod method, String path) {
    return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
  }

  /**
   * Whether a request is allowed.
   *
   * @param role the caller's role, or empty for a caller not signed in
   */
  public static boolean allows(HttpMethod method, String path, Optional<Role> role) {
    return ruleFor(method, path)
        .map(r -> r.access() == Access.PUBLIC || role.filter(r.roles()::contains).isPresent())
        .orElse(false);
  }

  private static Rule open(HttpMethod method, String pattern) {
    return new Rule(Optional.ofNullable(method), pattern, Access.PUBLIC, Set.of());
  }

  private static Rule roles(HttpMethod method, String pattern, Set<Role> roles) {
    return new Rule(Optional.ofNullable(method), pattern, Access.ROLES, roles);
  }
}
