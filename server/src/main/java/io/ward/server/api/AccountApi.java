package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.audit.AuditVerification;
import io.ward.server.security.ApiToken;
import io.ward.server.security.OwnPasswordChange;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import io.ward.server.security.WardUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller, users (admins), API tokens (everyone's own) and the audit log (admins, auditors). */
@RestController
@Tag(name = "Accounts and audit")
class AccountApi {
  private final UserService users;
  private final TokenService tokens;
  private final AuditLog audit;
  private final OwnPasswordChange ownPassword;

  AccountApi(
      UserService users, TokenService tokens, AuditLog audit, OwnPasswordChange ownPassword) {
    this.users = users;
    this.tokens = tokens;
    this.audit = audit;
    this.ownPassword = ownPassword;
  }

  @GetMapping("/api/v1/me")
  @Operation(summary = "Who the caller is")
  AccountJson.Me me() {
    return new AccountJson.Me(
        CurrentUser.username().orElse("anonymous"),
        CurrentUser.role().map(Role::id).orElse("none"));
  }

  @GetMapping("/api/v1/users")
  @Operation(summary = "Every user (admins)")
  List<AccountJson.User> users() {
    return users.list().stream().map(AccountJson.User::of).toList();
  }

  @PostMapping("/api/v1/users")
  @Operation(summary = "Create a user (admins)")
  ResponseEntity<AccountJson.User> createUser(@RequestBody AccountJson.NewUser body) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body with username, password and role is required");
    }
    Role role = role(body.role());
    try {
      WardUser u = users.create(body.username(), body.password(), role, Actor.current());
      return ResponseEntity.created(URI.create("/api/v1/users/" + u.username()))
          .body(AccountJson.User.of(u));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @PatchMapping("/api/v1/users/{username}")
  @Operation(summary = "Change a user's role or enable/disable it (admins)")
  AccountJson.User changeUser(
      @PathVariable("username") String username, @RequestBody AccountJson.UserChange body) {
    WardUser u = user(username);
    if (body == null || (body.role() == null && body.enabled() == null)) {
      throw ApiException.badRequest("give role or enabled");
    }
    if (u.username().equals(CurrentUser.username().orElse(""))
        && (Boolean.FALSE.equals(body.enabled())
            || (body.role() != null && role(body.role()) != Role.ADMIN))) {
      throw ApiException.badRequest("admins cannot disable or demote themselves");
    }
    // One call, one transaction: the role and the enabled state change together or not at all.
    return AccountJson.User.of(
        users.change(
            u.username(),
            Optional.ofNullable(body.role()).map(AccountApi::role),
            Optional.ofNullable(body.enabled()),
            Actor.current()));
  }

  @PostMapping("/api/v1/users/{username}/password")
  @Operation(
      summary = "Reset a user's password (admins); the user's browser sessions end, tokens stay")
  ResponseEntity<Void> resetPassword(
      @PathVariable("username") String username, @RequestBody AccountJson.PasswordReset body) {
    user(username);
    try {
      users.changePassword(username, body == null ? null : body.password(), Actor.current());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/v1/me/password")
  @Operation(summary = "Change the caller's own password; the caller's other browser sessions end")
  ResponseEntity<Void> changeOwnPassword(
      @RequestBody AccountJson.PasswordChange body, HttpServletRequest request) {
    String me = CurrentUser.username().orElseThrow();
    if (body == null || body.currentPassword() == null || body.newPassword() == null) {
      throw ApiException.badRequest("give currentPassword and newPassword");
    }
    try {
      ownPassword.change(me, body.currentPassword(), body.newPassword(), request);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/v1/users/{username}/unlock")
  @Operation(summary = "Lift a lockout after failed sign-ins (admins)")
  AccountJson.User unlock(@PathVariable("username") String username) {
    user(username);
    users.unlock(username, Actor.current());
    return AccountJson.User.of(user(username));
  }

  @GetMapping("/api/v1/tokens")
  @Operation(summary = "The caller's API tokens (admins: any user's with ?user=)")
  List<AccountJson.Token> tokens(@RequestParam(name = "user", required = false) String user) {
    String me = CurrentUser.username().orElseThrow();
    String whose = Params.text("user", user, 100).orElse(me);
    if (!whose.equals(me) && CurrentUser.role().filter(r -> r == Role.ADMIN).isEmpty()) {
      throw ApiException.notFound("no user " + whose);
    }
    return tokens.list(whose).stream().map(AccountJson.Token::of).toList();
  }

  @PostMapping("/api/v1/tokens")
  @Operation(summary = "Create an API token for the caller; the secret is shown once")
  ResponseEntity<AccountJson.CreatedToken> createToken(@RequestBody AccountJson.NewToken body) {
    String name = Params.required("name", body == null ? null : body.name(), 100);
    ApiToken.Created c = tokens.create(CurrentUser.username().orElseThrow(), name, Actor.current());
    return ResponseEntity.created(URI.create("/api/v1/tokens/" + c.token().id()))
        .body(new AccountJson.CreatedToken(AccountJson.Token.of(c.token()), c.secret()));
  }

  @PostMapping("/api/v1/tokens/{id}/revoke")
  @Operation(summary = "Revoke one of the caller's tokens (admins: anyone's)")
  AccountJson.Token revoke(@PathVariable("id") long id) {
    try {
      return AccountJson.Token.of(
          tokens.revoke(
              id,
              CurrentUser.username().orElseThrow(),
              CurrentUser.role().filter(r -> r == Role.ADMIN).isPresent(),
              Actor.current()));
    } catch (NoSuchElementException e) {
      throw ApiException.notFound("no token " + id);
    }
  }

  @GetMapping("/api/v1/audit")
  @Operation(summary = "The audit log, newest first (admins, auditors)")
  List<AccountJson.Entry> audit(
      @RequestParam(name = "before", required = false) Long before,
      @RequestParam(name = "limit", required = false) Integer limit) {
    return audit.recent(Optional.ofNullable(before), Params.limit(limit, 100, 500)).stream()
        .map(AccountJson.Entry::of)
        .toList();
  }

  @GetMapping("/api/v1/audit/verify")
  @Operation(summary = "Walk the audit hash chain and report the first broken entry")
  AccountJson.Verification verify() {
    AuditVerification v = audit.verify();
    return AccountJson.Verification.of(v);
  }

  private WardUser user(String username) {
    // A name no user can have is not looked up (PostgreSQL refuses one with a NUL byte).
    return (io.ward.server.security.PasswordPolicy.validUsername(username)
            ? users.find(username)
            : Optional.<WardUser>empty())
        .orElseThrow(() -> ApiException.notFound("no user " + username));
  }

  private static Role role(String id) {
    return Params.id("role", id, Role.class, Role::id)
        .orElseThrow(() -> ApiException.badRequest("role is required"));
  }
}
