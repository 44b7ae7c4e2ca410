package io.ward.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.RunningServer;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.audit.Actor;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ward's own security through real HTTP against a running server (one server for the class). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSecurityTest {
  static final String PASSWORD = "correct horse battery staple";
  static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  /** What a request refused by the role table is told (and a form refused for CSRF is not). */
  static final String ROLE_REFUSED = "your role does not allow";

  RunningServer server;

  @BeforeAll
  void start() throws Exception {
    // The tests' failed sign-ins and wrong current passwords all come from 127.0.0.1: the
    // per-address throttle (AddressThrottleTest) would end the account lockout tests early.
    server =
        WardServer.start(
            TestStore.h2Settings(Files.createTempDirectory("ward-web-")),
            java.util.Map.of("ward.security.max-failures-per-address", "1000"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  HttpResponse<String> get(HttpClient c, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postForm(
      HttpClient c, String path, Map<String, String> form, String... headers) throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token of the sign-in form (this client's session). */
  String csrf(HttpClient c) throws Exception {
    String page = get(c, "/login").body();
    Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("csrf field in %s", page).isTrue();
    return m.group(1);
  }

  String setupToken() {
    String url = server.oneTimeLoginUrl().orElseThrow();
    return url.substring(url.indexOf("token=") + 6);
  }

  HttpResponse<String> login(HttpClient c, String user, String password) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", user);
    form.put("password", password);
    form.put("_csrf", csrf(c));
    return postForm(c, "/login", form);
  }

  @Test
  @Order(1)
  void shouldCreateTheFirstAdminOnceWithTheSetupTokenAndOnlyWithACsrfToken() throws Exception {
    assertThat(server.oneTimeLoginUrl())
        .get()
        .asString()
        .startsWith(server.url() + "/setup?token=");
    HttpClient c = browser();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", setupToken());
    form.put("username", "admin");
    form.put("password", PASSWORD);
    assertThat(postForm(c, "/setup", form).statusCode()).as("no CSRF token").isEqualTo(403);

    Map<String, String> wrong = new LinkedHashMap<>(form);
    wrong.put("token", "guessed");
    wrong.put("_csrf", csrf(c));
    assertThat(postForm(c, "/setup", wrong).statusCode()).isEqualTo(403);

    form.put("_csrf", csrf(c));
    HttpResponse<String> made = postForm(c, "/setup", form, "Accept", BROWSER_ACCEPT);
    assertThat(made.statusCode()).isEqualTo(303);
    assertThat(made.headers().firstValue("Location")).contains("/login?setup");

    form.put("username", "second-admin");
    form.put("_csrf", csrf(c));
    assertThat(postForm(c, "/setup", form).statusCode()).as("token used once").isEqualTo(403);
    assertThat(jdbc().sql("SELECT COUNT(*) FROM ward_user").query(Long.class).single())
        .isEqualTo(1);
    String hash =
        jdbc()
            .sql("SELECT password_hash FROM ward_user WHERE username = 'admin'")
            .query(String.class)
            .single();
    assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(PASSWORD);
  }

  @Test
  @Order(0)
  void shouldAnswerAPlainFormPostToSetupWithAPageAndAnApiClientWithAProblem() throws Exception {
    HttpClient c = browser();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", setupToken());
    form.put("username", "first-admin");
    form.put("password", "short");
    form.put("_csrf", csrf(c));

    // A browser without JavaScript: the setup page again, saying why, never the password.
    HttpResponse<String> page = postForm(c, "/setup", form, "Accept", BROWSER_ACCEPT);
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(page.body())
        .contains("id=\"setup-form\"")
        .contains("a password needs at least 12 characters")
        .contains("value=\"first-admin\"")
        .doesNotContain("\"detail\"")
        .doesNotContain("value=\"short\"");
    Map<String, String> wrong = new LinkedHashMap<>(form);
    wrong.put("token", "guessed");
    wrong.put("username", "admin<b>");
    wrong.put("password", PASSWORD);
    HttpResponse<String> refused = postForm(c, "/setup", wrong, "Accept", BROWSER_ACCEPT);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/html");
    assertThat(refused.body())
        .contains("The setup link is invalid, used or expired.")
        .contains("value=\"admin&lt;b&gt;\"")
        .doesNotContain("admin<b>");

    // A script asking for JSON: problem documents.
    HttpResponse<String> problem =
        postForm(c, "/setup", form, "Accept", "application/json, application/problem+json");
    assertThat(problem.statusCode()).isEqualTo(400);
    assertThat(problem.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    assertThat(problem.body()).contains("\"detail\":\"a password needs at least 12 characters\"");
    HttpResponse<String> forbidden =
        postForm(c, "/setup", wrong, "Accept", "application/problem+json");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("\"status\":403").contains("invalid, used or expired");
    assertThat(jdbc().sql("SELECT COUNT(*) FROM ward_user").query(Long.class).single()).isZero();
    assertThat(SetupController.prefersJson(BROWSER_ACCEPT)).isFalse();
    assertThat(SetupController.prefersJson("*/*")).isFalse();
    assertThat(SetupController.prefersJson("text/html;q=0.5, application/json")).isTrue();
    assertThat(SetupController.prefersJson("nonsense;;")).isFalse();
  }

  /**
   * A form refused for its CSRF token says so, never that a role does not allow it: a script
   * posting {@code /setup} without the setup page's session cookie and {@code _csrf} value was told
   * "your role does not allow this request".
   */
  @Test
  @Order(0)
  void shouldSayAFormsCsrfTokenOrSessionCookieIsMissingNotThatARoleIsRefused() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", setupToken());
    form.put("username", "scripted-admin");
    form.put("password", PASSWORD);

    // A script: no cookie, no token.
    HttpResponse<String> script =
        postForm(HttpClient.newHttpClient(), "/setup", form, "Accept", "application/json");
    assertThat(script.statusCode()).isEqualTo(403);
    assertThat(script.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    assertThat(script.body())
        .contains("urn:ward:problem:csrf")
        .contains("session cookie (WARD_SESSION)")
        .contains("_csrf")
        .doesNotContain(ROLE_REFUSED);

    // A session whose token the form does not carry (a page of another session, or none).
    HttpClient c = browser();
    csrf(c);
    Map<String, String> wrong = new LinkedHashMap<>(form);
    wrong.put("_csrf", "not-this-sessions-token");
    HttpResponse<String> invalid = postForm(c, "/setup", wrong, "Accept", "application/json");
    assertThat(invalid.statusCode()).isEqualTo(403);
    assertThat(invalid.body())
        .contains("CSRF token (the _csrf field or X-CSRF-TOKEN header) is missing or does not")
        .doesNotContain(ROLE_REFUSED);
    HttpResponse<String> noToken = postForm(c, "/setup", form, "Accept", "application/json");
    assertThat(noToken.body()).contains("CSRF token").doesNotContain(ROLE_REFUSED);

    // A console form posted after its session ended: a page in the console's look, saying why.
    HttpResponse<String> page =
        postForm(HttpClient.newHttpClient(), "/login", form, "Accept", BROWSER_ACCEPT);
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(page.body())
        .contains("Session missing or expired")
        .contains("session cookie (WARD_SESSION)")
        .doesNotContain(ROLE_REFUSED);
    assertThat(jdbc().sql("SELECT COUNT(*) FROM ward_user").query(Long.class).single()).isZero();
  }

  @Test
  @Order(2)
  void shouldSignInWithASecureSessionCookieAndSendSecurityHeaders() throws Exception {
    HttpClient c = browser();
    HttpResponse<String> ok = login(c, "admin", PASSWORD);
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.headers().firstValue("Location").orElse("")).doesNotContain("error");
    String cookie = ok.headers().allValues("Set-Cookie").toString();
    assertThat(cookie).contains("WARD_SESSION=").contains("HttpOnly").contains("SameSite=Lax");

    HttpResponse<String> page = get(c, "/login");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("default-src 'self'")
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
    assertThat(auditActions()).contains("login.success");
  }

  @Test
  @Order(3)
  void shouldLockAnAccountAfterRepeatedFailuresEvenForTheRightPassword() throws Exception {
    store().create("nurse-ce", PASSWORD, Role.CLINICAL_ENGINEER, Actor.system());
    HttpClient c = browser();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> bad = login(c, "nurse-ce", "wrong password " + i);
      assertThat(bad.headers().firstValue("Location").orElse("")).contains("/login?error");
    }
    HttpResponse<String> right = login(c, "nurse-ce", PASSWORD);
    assertThat(right.headers().firstValue("Location").orElse("")).contains("/login?error");
    assertThat(store().find("nurse-ce").orElseThrow().lockedUntil()).isPresent();
    assertThat(auditActions()).contains("login.failure", "login.locked");
    assertThat(auditDetails()).noneMatch(d -> d.contains("wrong password 1"));

    store().unlock("nurse-ce", Actor.system());
    assertThat(login(browser(), "nurse-ce", PASSWORD).headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
  }

  @Test
  @Order(30)
  void shouldCountEachFailedSignInOnceAndLockAtExactlyTheConfiguredNumber() throws Exception {
    int max =
        server
            .context()
            .getBean(io.ward.server.config.WardProperties.class)
            .security()
            .maxFailedLogins();
    store().create("count-me", PASSWORD, Role.SECURITY_ANALYST, Actor.system());
    HttpClient c = browser();
    for (int i = 1; i < max; i++) {
      login(c, "count-me", "wrong " + i);
      assertThat(failedLogins("count-me")).as("after %d failures", i).isEqualTo(i);
      assertThat(auditCount("login.failure", "user:count-me")).isEqualTo(i);
    }
    assertThat(store().find("count-me").orElseThrow().lockedUntil())
        .as("one failure short of the limit")
        .isEmpty();
    HttpResponse<String> right = login(browser(), "count-me", PASSWORD);
    assertThat(right.headers().firstValue("Location").orElse("")).doesNotContain("error");
    assertThat(failedLogins("count-me")).as("a success resets the count").isZero();

    for (int i = 1; i <= max; i++) {
      login(c, "count-me", "wrong again " + i);
    }
    assertThat(store().find("count-me").orElseThrow().lockedUntil())
        .as("locked at failure %d", max)
        .isPresent();
    assertThat(failedLogins("count-me")).as("the count starts again after a lockout").isZero();
    assertThat(auditCount("login.failure", "user:count-me")).isEqualTo(2L * max - 1);
    assertThat(auditCount("login.locked", "user:count-me")).isZero();
    store().unlock("count-me", Actor.system());
  }

  int failedLogins(String user) {
    return jdbc()
        .sql("SELECT failed_logins FROM ward_user WHERE username = ?")
        .param(user)
        .query(Integer.class)
        .single();
  }

  long auditCount(String action, String target) {
    return jdbc()
        .sql("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = ?")
        .params(action, target)
        .query(Long.class)
        .single();
  }

  @Test
  @Order(4)
  void shouldAcceptBearerTokensStoredOnlyAsHashesWithoutCsrfAndRefuseRevokedOnes()
      throws Exception {
    TokenService tokens = server.context().getBean(TokenService.class);
    store().create("auditor1", PASSWORD, Role.AUDITOR, Actor.system());
    ApiToken.Created admin = tokens.create("admin", "script", Actor.system());
    ApiToken.Created auditor = tokens.create("auditor1", "reports", Actor.system());
    HttpClient c = HttpClient.newHttpClient();

    assertThat(get(c, "/api/v1/devices").statusCode()).isEqualTo(401);
    assertThat(get(c, "/api/v1/devices", "Authorization", "Bearer ward_forged").statusCode())
        .isEqualTo(401);
    assertThat(get(c, "/api/v1/devices", "Authorization", "Bearer " + admin.secret()).statusCode())
        .isNotIn(401, 403);
    assertThat(get(c, "/api/v1/audit", "Authorization", "Bearer " + auditor.secret()).statusCode())
        .isNotIn(401, 403);

    // A bearer POST needs no CSRF token; the role still decides.
    Map<String, String> none = Map.of("x", "1");
    assertThat(
            postForm(c, "/api/v1/jobs/1/cancel", none, "Authorization", "Bearer " + admin.secret())
                .statusCode())
        .isNotIn(401, 403);
    assertThat(
            postForm(
                    c, "/api/v1/jobs/1/cancel", none, "Authorization", "Bearer " + auditor.secret())
                .statusCode())
        .isEqualTo(403);
    assertThat(
            postForm(c, "/api/v1/users", none, "Authorization", "Bearer " + auditor.secret())
                .statusCode())
        .isEqualTo(403);

    String stored =
        jdbc()
            .sql("SELECT token_sha256 FROM api_token WHERE id = ?")
            .param(admin.token().id())
            .query(String.class)
            .single();
    assertThat(stored)
        .isEqualTo(TokenService.sha256(admin.secret()))
        .doesNotContain(admin.secret());
    assertThat(
            jdbc()
                .sql("SELECT COUNT(*) FROM api_token WHERE prefix = ? AND token_sha256 <> ?")
                .params(admin.secret().substring(0, 12), stored)
                .query(Long.class)
                .single())
        .isZero();

    tokens.revoke(admin.token().id(), "admin", true, Actor.system());
    assertThat(get(c, "/api/v1/devices", "Authorization", "Bearer " + admin.secret()).statusCode())
        .isEqualTo(401);
  }

  @Test
  @Order(4)
  void shouldApplyARoleChangeOrADisabledUserToTheVeryNextRequestOfAVerifiedToken()
      throws Exception {
    TokenService tokens = server.context().getBean(TokenService.class);
    UserService users = store();
    users.create("analyst9", PASSWORD, Role.SECURITY_ANALYST, Actor.system());
    ApiToken.Created token = tokens.create("analyst9", "script", Actor.system());
    HttpClient c = HttpClient.newHttpClient();
    String bearer = "Bearer " + token.secret();
    Map<String, String> none = Map.of("x", "1");

    // Verified once, then answered from the verified tokens: the role still decides each call.
    assertThat(get(c, "/api/v1/devices", "Authorization", bearer).statusCode()).isEqualTo(200);
    assertThat(postForm(c, "/api/v1/jobs/1/cancel", none, "Authorization", bearer).statusCode())
        .isNotIn(401, 403);
    assertThat(
            jdbc()
                .sql("SELECT last_used_at FROM api_token WHERE id = ?")
                .param(token.token().id())
                .query(java.sql.Timestamp.class)
                .optional())
        .as("the first use is written")
        .isPresent();

    users.changeRole("analyst9", Role.AUDITOR, Actor.system());
    assertThat(postForm(c, "/api/v1/jobs/1/cancel", none, "Authorization", bearer).statusCode())
        .isEqualTo(403);
    assertThat(get(c, "/api/v1/audit", "Authorization", bearer).statusCode()).isEqualTo(200);

    users.setEnabled("analyst9", false, Actor.system());
    assertThat(get(c, "/api/v1/devices", "Authorization", bearer).statusCode()).isEqualTo(401);
    users.setEnabled("analyst9", true, Actor.system());
    assertThat(get(c, "/api/v1/devices", "Authorization", bearer).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void shouldApplyARoleChangeOrADisabledUserToTheNextRequestOfASignedInSession() throws Exception {
    UserService users = store();
    users.create("admin6", PASSWORD, Role.ADMIN, Actor.system());
    HttpClient c = browser();
    assertThat(login(c, "admin6", PASSWORD).headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
    assertThat(get(c, "/api/v1/users").statusCode()).isEqualTo(200);

    users.changeRole("admin6", Role.AUDITOR, Actor.system());
    assertThat(get(c, "/api/v1/users").statusCode()).isEqualTo(403);
    assertThat(get(c, "/api/v1/me").body()).contains("auditor");
    assertThat(get(c, "/api/v1/audit").statusCode()).as("the new role's rights").isEqualTo(200);
    assertThat(get(c, "/api/v1/users").statusCode()).as("and only those").isEqualTo(403);

    users.setEnabled("admin6", false, Actor.system());
    assertThat(get(c, "/api/v1/devices").statusCode()).isEqualTo(401);
    assertThat(get(c, "/", "Accept", BROWSER_ACCEPT).headers().firstValue("Location"))
        .get()
        .asString()
        .contains("/login");
    assertThat(auditActions()).contains("session.ended");

    users.setEnabled("admin6", true, Actor.system());
    assertThat(get(c, "/api/v1/devices").statusCode())
        .as("the ended session stays ended")
        .isEqualTo(401);
    assertThat(login(c, "admin6", PASSWORD).headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
    assertThat(get(c, "/api/v1/audit").statusCode()).isEqualTo(200);
    assertThat(get(c, "/api/v1/users").statusCode()).isEqualTo(403);
  }

  @Test
  @Order(6)
  void shouldSendAFormOfASessionItsUserLostToTheSignInPageNotToAnExpiredFormPage()
      throws Exception {
    UserService users = store();
    users.create("admin6b", PASSWORD, Role.ADMIN, Actor.system());
    HttpClient console = browser();
    login(console, "admin6b", PASSWORD);
    HttpClient htmx = browser();
    login(htmx, "admin6b", PASSWORD);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", "nightly export");
    form.put("_csrf", csrf(console));
    Map<String, String> htmxForm = new LinkedHashMap<>(form);
    htmxForm.put("_csrf", csrf(htmx));

    users.setEnabled("admin6b", false, Actor.system());
    // The request that meets the change ends its session, CSRF token included: its sender is
    // signed out, and is told so as any signed-out sender, not that the form expired.
    HttpResponse<String> page = postForm(console, "/tokens", form, "Accept", BROWSER_ACCEPT);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).get().asString().endsWith("/login");
    HttpResponse<String> fragment =
        postForm(htmx, "/tokens", htmxForm, "HX-Request", "true", "Accept", BROWSER_ACCEPT);
    assertThat(fragment.statusCode()).as("ward.js goes to the sign-in page").isEqualTo(401);
    assertThat(
            jdbc()
                .sql("SELECT COUNT(*) FROM audit_log WHERE action = 'session.ended' AND actor = ?")
                .param("admin6b")
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  @Order(7)
  void shouldChangeOrResetAPasswordAndEndTheOtherSessionsSignedInWithTheOldOne() throws Exception {
    UserService users = store();
    users.create("nurse7", PASSWORD, Role.CLINICAL_ENGINEER, Actor.system());
    HttpClient here = browser();
    HttpClient elsewhere = browser();
    HttpClient silent = browser();
    login(here, "nurse7", PASSWORD);
    login(elsewhere, "nurse7", PASSWORD);
    // Signed in, but no request since: it too was made with the old password.
    login(silent, "nurse7", PASSWORD);
    assertThat(get(elsewhere, "/api/v1/me").statusCode()).isEqualTo(200);
    String changed = "a new passphrase for nurse seven";

    Map<String, String> wrong = new LinkedHashMap<>();
    wrong.put("currentPassword", "not the password");
    wrong.put("newPassword", changed);
    wrong.put("newPasswordAgain", changed);
    wrong.put("_csrf", csrf(here));
    assertThat(postForm(here, "/account/password", wrong).headers().firstValue("Location"))
        .get()
        .asString()
        .endsWith("/tokens");
    assertThat(auditActions()).contains("user.password.refused");
    assertThat(get(elsewhere, "/api/v1/me").statusCode()).as("nothing changed").isEqualTo(200);

    Map<String, String> right = new LinkedHashMap<>(wrong);
    right.put("currentPassword", PASSWORD);
    right.put("_csrf", csrf(here));
    postForm(here, "/account/password", right);
    assertThat(get(here, "/api/v1/me").statusCode())
        .as("the session that changed it")
        .isEqualTo(200);
    assertThat(get(elsewhere, "/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(get(silent, "/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(login(browser(), "nurse7", PASSWORD).headers().firstValue("Location").orElse(""))
        .contains("error");
    assertThat(login(browser(), "nurse7", changed).headers().firstValue("Location").orElse(""))
        .doesNotContain("error");

    // An admin's reset through the API ends every session of the user, the changer's included.
    ApiToken.Created admin =
        server.context().getBean(TokenService.class).create("admin", "reset", Actor.system());
    HttpResponse<String> reset =
        postJson(
            "/api/v1/users/nurse7/password",
            "{\"password\":\"the admin's reset passphrase\"}",
            admin.secret());
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
    assertThat(get(here, "/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(
            postJson("/api/v1/users/nurse7/password", "{\"password\":\"short\"}", admin.secret())
                .statusCode())
        .isEqualTo(400);

    // Through the API the current password is asked again, and the policy applies.
    ApiToken.Created own =
        server.context().getBean(TokenService.class).create("nurse7", "own", Actor.system());
    assertThat(
            postJson(
                    "/api/v1/me/password",
                    "{\"currentPassword\":\"" + changed + "\",\"newPassword\":\"whatever it is\"}",
                    own.secret())
                .statusCode())
        .isEqualTo(400);
    assertThat(
            postJson(
                    "/api/v1/me/password",
                    "{\"currentPassword\":\"the admin's reset passphrase\",\"newPassword\":\"x\"}",
                    own.secret())
                .statusCode())
        .isEqualTo(400);
    assertThat(
            postJson(
                    "/api/v1/me/password",
                    "{\"currentPassword\":\"the admin's reset passphrase\","
                        + "\"newPassword\":\"the admin's reset passphrase\"}",
                    own.secret())
                .body())
        .as("the same password again")
        .contains("the new password is the current one");
    assertThat(
            postJson(
                    "/api/v1/me/password",
                    "{\"currentPassword\":\"the admin's reset passphrase\","
                        + "\"newPassword\":\"chosen by nurse seven\"}",
                    own.secret())
                .statusCode())
        .isEqualTo(204);
    assertThat(login(browser(), "nurse7", "chosen by nurse seven").headers().firstValue("Location"))
        .get()
        .asString()
        .doesNotContain("error");
    assertThat(auditActions()).contains("user.password", "session.ended");

    // A refused new user comes back with what was typed (a taken name here), role included.
    HttpClient adminConsole = browser();
    login(adminConsole, "admin", PASSWORD);
    Map<String, String> taken = new LinkedHashMap<>();
    taken.put("username", "nurse7");
    taken.put("password", "a long enough password");
    taken.put("role", "auditor");
    taken.put("_csrf", csrf(adminConsole));
    postForm(adminConsole, "/admin/users", taken);
    String usersPage = get(adminConsole, "/admin/users").body();
    assertThat(usersPage)
        .contains("is taken")
        .containsPattern("id=\"nu-name\"[^>]*value=\"nurse7\"");
    assertThat(usersPage).containsPattern("<option value=\"auditor\"[^>]*selected");

    // And from the console's users page, for another user only: one's own needs the current one.
    HttpClient console = browser();
    login(console, "admin", PASSWORD);
    Map<String, String> self = new LinkedHashMap<>();
    self.put("username", "admin");
    self.put("password", "an admin's new passphrase");
    self.put("_csrf", csrf(console));
    postForm(console, "/admin/users/password", self);
    assertThat(get(console, "/api/v1/me").statusCode()).as("still signed in").isEqualTo(200);
    assertThat(login(browser(), "admin", PASSWORD).headers().firstValue("Location").orElse(""))
        .as("unchanged")
        .doesNotContain("error");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", "nurse7");
    form.put("password", "reset on the users page");
    form.put("_csrf", csrf(console));
    postForm(console, "/admin/users/password", form);
    assertThat(
            login(browser(), "nurse7", "reset on the users page").headers().firstValue("Location"))
        .get()
        .asString()
        .doesNotContain("error");
  }

  @Test
  @Order(8)
  void shouldLockTheAccountAfterAsManyWrongCurrentPasswordsAsWrongSignIns() throws Exception {
    int max =
        server
            .context()
            .getBean(io.ward.server.config.WardProperties.class)
            .security()
            .maxFailedLogins();
    store().create("guess8", PASSWORD, Role.AUDITOR, Actor.system());
    String token =
        server
            .context()
            .getBean(TokenService.class)
            .create("guess8", "left open", Actor.system())
            .secret();
    String attempt = "{\"currentPassword\":\"%s\",\"newPassword\":\"taken over for good\"}";
    for (int i = 0; i < max; i++) {
      assertThat(
              postJson("/api/v1/me/password", attempt.formatted("guess " + i), token).statusCode())
          .isEqualTo(400);
    }
    // Someone holding a session or token left open may not guess on: the right one is refused too.
    HttpResponse<String> right =
        postJson("/api/v1/me/password", attempt.formatted(PASSWORD), token);
    assertThat(right.statusCode()).isEqualTo(400);
    assertThat(right.body()).contains("locked");
    assertThat(store().find("guess8").orElseThrow().lockedUntil()).isPresent();
    assertThat(login(browser(), "guess8", PASSWORD).headers().firstValue("Location").orElse(""))
        .contains("error");
    store().unlock("guess8", Actor.system());
    assertThat(login(browser(), "guess8", PASSWORD).headers().firstValue("Location").orElse(""))
        .as("the password did not change")
        .doesNotContain("error");
  }

  HttpResponse<String> postJson(String path, String json, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(5)
  void shouldRefuseFormPostsWithoutCsrfTokenEvenWhenSignedIn() throws Exception {
    HttpClient c = browser();
    login(c, "admin", PASSWORD);
    assertThat(postForm(c, "/remediations/1", Map.of("status", "planned")).statusCode())
        .isEqualTo(403);
    assertThat(postForm(c, "/logout", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void shouldLandOnAWholePageAfterSigningInWhenAnHtmxRequestMetTheSignInWall() throws Exception {
    store().create("htmx1", PASSWORD, Role.SECURITY_ANALYST, Actor.system());
    HttpClient c = browser();
    csrf(c); // a session, as the browser has one from its earlier pages
    // A sort link of the inventory (an htmx request) meets an ended session; ward.js then
    // goes to the sign-in page.
    HttpResponse<String> fragment =
        get(c, "/devices?sort=vendor&order=asc", "HX-Request", "true", "Accept", "*/*");
    assertThat(fragment.statusCode()).isNotEqualTo(200);
    HttpResponse<String> signedIn = login(c, "htmx1", PASSWORD);
    String target = signedIn.headers().firstValue("Location").orElseThrow();
    assertThat(target).doesNotContain("error");
    HttpResponse<String> landing =
        get(c, target.substring(server.url().length()), "Accept", BROWSER_ACCEPT);
    // Replaying the saved htmx request (its headers included) answered the bare results section.
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).as("a whole page, with its layout").contains("<html", "<nav");
  }

  /**
   * The session id travels in the cookie only: a link or redirect carrying it ({@code
   * /logout;WARD_SESSION=…}, servlet URL rewriting for a client that sent no cookie) would leak it
   * into logs, history and Referer headers. Public 404s are rendered without Spring Security's
   * encode-URL guard, so they are checked too.
   */
  @Test
  @Order(9)
  void shouldNeverPutTheSessionIdInALinkOrRedirect() throws Exception {
    HttpClient cookieless = HttpClient.newHttpClient();
    for (String path :
        java.util.List.of(
            "/login", "/login?error", "/setup", "/", "/css/nothing.css", "/favicon.ico")) {
      assertNoSessionIdInUrls(path, get(cookieless, path, "Accept", BROWSER_ACCEPT));
    }
    assertNoSessionIdInUrls(
        "a form without its token",
        postForm(cookieless, "/login", Map.of("username", "x"), "Accept", BROWSER_ACCEPT));

    HttpClient c = browser();
    HttpResponse<String> in = login(c, "admin", PASSWORD);
    assertNoSessionIdInUrls("sign-in", in);
    for (String path : java.util.List.of("/", "/devices", "/css/nothing.css")) {
      HttpResponse<String> page = get(c, path, "Accept", BROWSER_ACCEPT);
      assertThat(page.body()).as(path).contains("action=\"/logout\"");
      assertNoSessionIdInUrls(path, page);
    }

    // A session id given in the URL is no session: it would let a link fix a victim's session
    // and, honoured, it made the (refused) page echo it back in its links.
    String session =
        in.headers().allValues("Set-Cookie").stream()
            .filter(v -> v.startsWith("WARD_SESSION="))
            .map(v -> v.substring("WARD_SESSION=".length(), v.indexOf(';')))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> inUrl =
        get(cookieless, "/css/nothing.css;WARD_SESSION=" + session, "Accept", BROWSER_ACCEPT);
    assertNoSessionIdInUrls("a session id in the URL", inUrl);
    assertThat(inUrl.body()).doesNotContain("/logout").doesNotContain(session);
  }

  static void assertNoSessionIdInUrls(String what, HttpResponse<String> r) {
    String location = r.headers().firstValue("Location").orElse("");
    for (String text : java.util.List.of(r.body(), location)) {
      assertThat(text.toLowerCase(java.util.Locale.ROOT))
          .as("%s: %s", what, text)
          .doesNotContain(";ward_session=")
          .doesNotContain("jsessionid");
    }
  }

  /**
   * The error page shows the navigation and the sign-out form to a signed-in user only; an
   * anonymous visitor of a missing page or a refused form sees neither.
   */
  @Test
  @Order(10)
  void shouldShowTheErrorPagesNavigationToSignedInUsersOnly() throws Exception {
    HttpClient anonymous = browser();
    HttpResponse<String> missing = get(anonymous, "/css/nothing.css", "Accept", BROWSER_ACCEPT);
    HttpResponse<String> refused =
        postForm(anonymous, "/login", Map.of("username", "x"), "Accept", BROWSER_ACCEPT);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(refused.statusCode()).isEqualTo(403);
    for (HttpResponse<String> page : java.util.List.of(missing, refused)) {
      assertThat(page.body())
          .as(page.uri().toString())
          .contains("class=\"status-code\"")
          .contains("Skip to main content")
          .doesNotContain("<nav")
          .doesNotContain("/logout");
    }

    HttpClient c = browser();
    login(c, "admin", PASSWORD);
    HttpResponse<String> signedIn = get(c, "/css/nothing.css", "Accept", BROWSER_ACCEPT);
    assertThat(signedIn.statusCode()).isEqualTo(404);
    assertThat(signedIn.body())
        .contains("class=\"status-code\"")
        .contains("<nav")
        .contains("action=\"/logout\"");
  }

  UserService store() {
    return server.context().getBean(UserService.class);
  }

  JdbcClient jdbc() {
    return server.context().getBean(JdbcClient.class);
  }

  java.util.List<String> auditActions() {
    return jdbc().sql("SELECT action FROM audit_log ORDER BY seq").query(String.class).list();
  }

  java.util.List<String> auditDetails() {
    return jdbc().sql("SELECT detail FROM audit_log ORDER BY seq").query(String.class).list();
  }
}
