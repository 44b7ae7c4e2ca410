package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.RefusedAuditEntry;
import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /api/v1/users/{name}} with a role and an enabled state changes both, with their
 * audit entries, in one transaction: when the second entry cannot be stored (PostgreSQL refuses it,
 * through a trigger), the role is not changed either and no entry is left of it. PostgreSQL only:
 * the refusal is a PL/pgSQL trigger.
 */
@EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
class UserChangeAuditTest {

  @Test
  void shouldChangeNeitherRoleNorStateWhenTheDisableCannotBeAudited() throws Exception {
    SharedServer server = SharedServer.postgres();
    Http admin = Http.bearer(server.url(), server.token(Role.ADMIN));
    String name = "atomic-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        admin.json(
            "POST",
            "/api/v1/users",
            Http.json(
                Map.of("username", name, "password", "a long enough secret", "role", "auditor")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String change = Http.json(Map.of("role", "security-analyst", "enabled", false));

    try (RefusedAuditEntry refused =
        RefusedAuditEntry.of(server.jdbc(), "user.disable", "user:" + name)) {
      HttpResponse<String> failed = admin.json("PATCH", "/api/v1/users/" + name, change);
      assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
    }
    JsonNode user = user(admin, name);
    assertThat(user.get("role").asString()).isEqualTo("auditor");
    assertThat(user.get("enabled").asBoolean()).isTrue();
    assertThat(entries(server, name)).containsExactly("user.create");
    JsonNode verified = Http.json(admin.get("/api/v1/audit/verify").body());
    assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();

    // Once the entry can be stored, the same change is made whole.
    HttpResponse<String> made = admin.json("PATCH", "/api/v1/users/" + name, change);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
    assertThat(Http.json(made.body()).get("role").asString()).isEqualTo("security-analyst");
    assertThat(Http.json(made.body()).get("enabled").asBoolean()).isFalse();
    assertThat(entries(server, name)).containsExactly("user.create", "user.role", "user.disable");
  }

  private static JsonNode user(Http admin, String name) throws Exception {
    for (JsonNode u : Http.json(admin.get("/api/v1/users").body())) {
      if (u.get("username").asString().equals(name)) {
        return u;
      }
    }
    throw new AssertionError("no user " + name);
  }

  /** The actions of the audit entries about the user, oldest first. */
  private static List<String> entries(SharedServer server, String name) {
    return server
        .jdbc()
        .sql("SELECT action FROM audit_log WHERE target = ? ORDER BY seq")
        .param("user:" + name)
        .query(String.class)
        .list();
  }
}
