package io.ward.server.web;

import io.ward.server.api.AccountJson;
import io.ward.server.api.ApiException;
import io.ward.server.api.CurrentUser;
import io.ward.server.api.Params;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import io.ward.server.audit.AuditVerification;
import io.ward.server.security.ApiToken;
import io.ward.server.security.OwnPasswordChange;
import io.ward.server.security.PasswordPolicy;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Users (admins), the caller's API tokens, and the audit log (admins and auditors). */
@Controller
class AdminPages {
  private final UserService users;
  private final TokenService tokens;
  private final AuditLog audit;
  private final OwnPasswordChange ownPassword;

  AdminPages(
      UserService users, TokenService tokens, AuditLog audit, OwnPasswordChange ownPassword) {
    this.users = users;
    this.tokens = tokens;
    this.audit = audit;
    this.ownPassword = ownPassword;
  }

  @GetMapping("/admin/users")
  String users(Model model) {
    model.addAttribute("page", "users");
    model.addAttribute("users", users.list().stream().map(AccountJson.User::of).toList());
    model.addAttribute("roles", List.of(Role.values()));
    model.addAttribute("minPassword", io.ward.server.security.PasswordPolicy.MIN_PASSWORD);
    return "users";
  }

  @PostMapping("/admin/users")
  String createUser(
      @RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "password", required = false) String password,
      @RequestParam(name = "role", required = false) String role,
      RedirectAttributes flash) {
    try {
      Role r = role(role);
      users.create(username, password == null ? "" : password, r, Actor.current());
      flash.addFlashAttribute("notice", "User " + username + " created.");
    } catch (ApiException | IllegalArgumentException e) {
      flash.addFlashAttribute("failure", e.getMessage());
      // Back with what was typed (not the password): re-entering only the name once created an
      // admin, the form's first role. No longer than the fields allow (TypedFields).
      flash.addFlashAttribute(
          "newUsername", TypedFields.cap(username, PasswordPolicy.MAX_USERNAME));
      flash.addFlashAttribute("newRole", TypedFields.cap(role, TypedFields.CHOICE));
    }
    return "redirect:/admin/users";
  }

  @PostMapping("/admin/users/{username}/role")
  String changeRole(
      @PathVariable("username") String username,
      @RequestParam(name = "role", required = false) String role,
      RedirectAttributes flash) {
    return change(
        username,
        flash,
        () -> {
          Role r = role(role);
          if (isSelf(username) && r != Role.ADMIN) {
            throw ApiException.badRequest("admins cannot demote themselves");
          }
          users.changeRole(username, r, Actor.current());
          return "Role of " + username + " is now " + ConsoleModel.label(r) + ".";
        });
  }

  @PostMapping("/admin/users/{username}/enabled")
  String setEnabled(
      @PathVariable("username") String username,
      @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
      RedirectAttributes flash) {
    return change(
        username,
        flash,
        () -> {
          if (isSelf(username) && !enabled) {
            throw ApiException.badRequest("admins cannot disable themselves");
          }
          users.setEnabled(username, enabled, Actor.current());
          return username + (enabled ? " enabled." : " disabled.");
        });
  }

  @PostMapping("/admin/users/password")
  String resetPassword(
      @RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "password", required = false) String password,
      RedirectAttributes flash) {
    return change(
        username == null ? "" : username,
        flash,
        () -> {
          if (isSelf(username)) {
            // One's own password is changed on the tokens page, with the current one asked again.
            throw ApiException.badRequest(
                "change your own password under Your password on the API tokens page");
          }
          users.changePassword(username, password, Actor.current());
          return "Password of " + username + " reset; their browser sessions end.";
        });
  }

  @PostMapping("/admin/users/{username}/unlock")
  String unlock(@PathVariable("username") String username, RedirectAttributes flash) {
    return change(
        username,
        flash,
        () -> {
          users.unlock(username, Actor.current());
          return username + " unlocked.";
        });
  }

  private String change(
      String username, RedirectAttributes flash, java.util.function.Supplier<String> work) {
    try {
      if (!PasswordPolicy.validUsername(username)) {
        // Not said back: no user has such a name, and the message is flashed to the session.
        throw ApiException.notFound("no user by that name");
      }
      if (users.find(username).isEmpty()) {
        throw ApiException.notFound("no user " + username);
      }
      flash.addFlashAttribute("notice", work.get());
    } catch (ApiException | IllegalArgumentException | NoSuchElementException e) {
      flash.addFlashAttribute("failure", e.getMessage());
    }
    return "redirect:/admin/users";
  }

  private static boolean isSelf(String username) {
    return CurrentUser.username().filter(username::equals).isPresent();
  }

  private static Role role(String id) {
    return Params.id("role", id, Role.class, Role::id)
        .orElseThrow(() -> ApiException.badRequest("choose a role"));
  }

  @GetMapping("/tokens")
  String tokens(Model model) {
    model.addAttribute("page", "tokens");
    model.addAttribute("minPassword", io.ward.server.security.PasswordPolicy.MIN_PASSWORD);
    model.addAttribute(
        "tokens",
        tokens.list(CurrentUser.username().orElseThrow()).stream()
            .map(AccountJson.Token::of)
            .toList());
    return "tokens";
  }

  @PostMapping("/tokens")
  String createToken(
      @RequestParam(name = "name", required = false) String name, RedirectAttributes flash) {
    try {
      ApiToken.Created c =
          tokens.create(
              CurrentUser.username().orElseThrow(),
              Params.required("name", name, 100),
              Actor.current());
      flash.addFlashAttribute("secret", c.secret());
      flash.addFlashAttribute("notice", "Token " + c.token().name() + " created.");
    } catch (ApiException | IllegalArgumentException e) {
      flash.addFlashAttribute("failure", e.getMessage());
    }
    return "redirect:/tokens";
  }

  /** The signed-in user's change of their own password, from the tokens page. */
  @PostMapping("/account/password")
  String changeOwnPassword(
      @RequestParam(name = "currentPassword", required = false) String current,
      @RequestParam(name = "newPassword", required = false) String password,
      @RequestParam(name = "newPasswordAgain", required = false) String again,
      HttpServletRequest request,
      RedirectAttributes flash) {
    String me = CurrentUser.username().orElseThrow();
    if (password == null || !password.equals(again)) {
      flash.addFlashAttribute("failure", "the new password and its repetition differ");
    } else {
      try {
        ownPassword.change(me, current, password, request);
        flash.addFlashAttribute("notice", "Password changed; your other sessions end.");
      } catch (IllegalArgumentException e) {
        flash.addFlashAttribute("failure", e.getMessage());
      }
    }
    return "redirect:/tokens";
  }

  @PostMapping("/tokens/{id}/revoke")
  String revoke(@PathVariable("id") long id, RedirectAttributes flash) {
    try {
      tokens.revoke(
          id,
          CurrentUser.username().orElseThrow(),
          CurrentUser.role().filter(r -> r == Role.ADMIN).isPresent(),
          Actor.current());
      flash.addFlashAttribute("notice", "Token revoked.");
    } catch (NoSuchElementException e) {
      flash.addFlashAttribute("failure", "no token " + id);
    }
    return "redirect:/tokens";
  }

  @GetMapping("/audit")
  String audit(
      @RequestParam(name = "before", required = false) Long before,
      @RequestParam(name = "verify", defaultValue = "false") boolean verify,
      Model model) {
    List<AccountJson.Entry> entries =
        audit.recent(Optional.ofNullable(before), 100).stream().map(AccountJson.Entry::of).toList();
    model.addAttribute("page", "audit");
    model.addAttribute("entries", entries);
    model.addAttribute(
        "olderUrl",
        entries.size() == 100 ? "/audit?before=" + entries.get(entries.size() - 1).seq() : null);
    if (verify) {
      AuditVerification v = audit.verify();
      model.addAttribute("verification", AccountJson.Verification.of(v));
    }
    return "audit";
  }
}
