package io.ward.server.api;

import io.ward.server.security.AuthorizationTable;
import io.ward.server.security.Role;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in caller of the current request and what the authorization table lets it do. */
public final class CurrentUser {
  private CurrentUser() {}

  /** The user name, when signed in. */
  public static Optional<String> username() {
    return signedIn().map(Authentication::getName);
  }

  /** The role, when signed in. */
  public static Optional<Role> role() {
    return signedIn()
        .flatMap(
            a ->
                a.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .flatMap(
                        auth ->
                            Arrays.stream(Role.values()).filter(r -> r.authority().equals(auth)))
                    .findFirst());
  }

  /** True when the table lets the caller send {@code method} to {@code path}. */
  public static boolean may(HttpMethod method, String path) {
    return AuthorizationTable.allows(method, path, role());
  }

  private static Optional<Authentication> signedIn() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(a);
  }
}
