package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.security.AuthorizationTable;
import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every role (admin, security analyst, clinical engineer, auditor, anonymous)
 * against the one {@link AuthorizationTable}. Endpoints are read from Spring's handler mapping of
 * the running server, so a new endpoint is checked the day it appears, and one without a table
 * entry fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAuthorizationTest {
  /** Stands in for every path variable: no such id, user or token exists. */
  static final String MISSING_ID = "999999";

  SharedServer server;
  List<Endpoint> endpoints;
  final Map<Role, Http> bearers = new java.util.EnumMap<>(Role.class);

  /** One method on one concrete path. */
  record Endpoint(HttpMethod method, String pattern, String path) {}

  @BeforeAll
  void enumerate() throws Exception {
    server = SharedServer.h2();
    RequestMappingHandlerMapping mapping =
        server
            .server()
            .context()
            .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Set<Endpoint> found = new LinkedHashSet<>();
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      List<HttpMethod> httpMethods =
          methods.isEmpty()
              ? List.of(HttpMethod.GET, HttpMethod.POST)
              : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
      for (String pattern : info.getPatternValues()) {
        for (HttpMethod m : httpMethods) {
          found.add(new Endpoint(m, pattern, pattern.replaceAll("\\{[^}]+}", MISSING_ID)));
        }
      }
    }
    endpoints = List.copyOf(found);
    for (Role r : Role.values()) {
      bearers.put(r, Http.bearer(server.url(), server.token(r)));
    }
  }

  @Test
  void shouldFindTheApiAndConsoleEndpointsInTheHandlerMapping() {
    Set<String> all = new TreeSet<>();
    endpoints.forEach(e -> all.add(e.method() + " " + e.pattern()));
    assertThat(all)
        .contains(
            "GET /api/v1/devices",
            "GET /api/v1/devices/{id}",
            "POST /api/v1/captures",
            "GET /api/v1/jobs/{id}",
            "POST /api/v1/jobs/{id}/cancel",
            "POST /api/v1/remediations/{id}/transitions",
            "GET /",
            "GET /devices/{id}",
            "GET /devices/{id}/traffic",
            "GET /api/v1/external-endpoints",
            "GET /api/v1/external-endpoints/{id}",
            "GET /external-endpoints",
            "POST /remediations/{id}/status",
            "POST /remediations/{id}/edit",
            "POST /api/v1/remediations/groups",
            "POST /remediations/groups",
            "GET /api/v1/advisories/{id}",
            "GET /advisories",
            "GET /advisories/{id}",
            "POST /setup",
            "GET /v3/api-docs");
    assertThat(endpoints.size()).isGreaterThan(40);
  }

  @Test
  void shouldHaveATableEntryForEveryEndpoint() {
    List<String> missing = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (AuthorizationTable.ruleFor(e.method(), e.path()).isEmpty()) {
        missing.add(e.method() + " " + e.pattern());
      }
    }
    assertThat(missing).as("endpoints without a rule in AuthorizationTable").isEmpty();
  }

  @Test
  void shouldAnswerEveryEndpointForEveryRoleAsTheTableSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Endpoint e : endpoints) {
      for (Optional<Role> role :
          Stream.concat(
                  Stream.of(Optional.<Role>empty()), Stream.of(Role.values()).map(Optional::of))
              .toList()) {
        boolean allowed = AuthorizationTable.allows(e.method(), e.path(), role);
        HttpResponse<String> r = call(e, role);
        boolean refused = refused(r, role);
        if (allowed == refused) {
          wrong.add(
              e.method()
                  + " "
                  + e.path()
                  + " as "
                  + role.map(Role::id).orElse("anonymous")
                  + ": table says "
                  + (allowed ? "allowed" : "refused")
                  + ", server answered "
                  + r.statusCode()
                  + " "
                  + r.headers().firstValue("Location").orElse("")
                  + " "
                  + r.body().substring(0, Math.min(160, r.body().length())));
        }
        checked++;
      }
    }
    assertThat(wrong).as("answers that disagree with the table").isEmpty();
    assertThat(checked).isEqualTo(endpoints.size() * 5);
  }

  /**
   * True when the security layer refused the request: 401 or a redirect to sign-in for a caller
   * without credentials, 403 with Ward's role problem for a signed-in one. An endpoint's own
   * answers (400, 404, 409, a 403 of the setup form for a wrong token) are not refusals.
   */
  static boolean refused(HttpResponse<String> r, Optional<Role> role) {
    int s = r.statusCode();
    if (role.isEmpty()) {
      return s == 401
          || (s == 302 && r.headers().firstValue("Location").orElse("").endsWith("/login"))
          || (s == 403 && r.body().contains("urn:ward:problem:"));
    }
    return s == 401 || (s == 403 && r.body().contains("urn:ward:problem:role-required"));
  }

  private HttpResponse<String> call(Endpoint e, Optional<Role> role) throws Exception {
    Http http;
    String csrf = null;
    if (role.isPresent()) {
      http = bearers.get(role.get());
    } else {
      http = Http.session(server.url());
      if (e.method() != HttpMethod.GET) {
        csrf = http.csrf();
      }
    }
    String method = e.method().name();
    if (e.method() == HttpMethod.GET) {
      return http.get(e.path());
    }
    if (e.path().startsWith("/api/")) {
      return http.json(method, e.path(), "{}");
    }
    // Console forms: form-encoded, with the session's CSRF token for anonymous callers (bearer
    // calls need none). Signing in uses the role's own account, so no failure is counted.
    Map<String, String> form = new java.util.HashMap<>();
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    if (e.path().equals("/login")) {
      Role who = role.orElse(Role.AUDITOR);
      form.put("username", SharedServer.userName(who));
      form.put("password", SharedServer.PASSWORD);
    }
    if (e.method() == HttpMethod.POST) {
      return http.form(e.path(), form);
    }
    return http.raw(
        method,
        e.path(),
        "application/x-www-form-urlencoded",
        (csrf == null ? "" : "_csrf=" + csrf).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
