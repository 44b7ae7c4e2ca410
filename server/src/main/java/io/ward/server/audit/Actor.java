package io.ward.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who does something and from where, for the audit log.
 *
 * @param name the user name, {@code system} for Ward itself, {@code cli:<user>} for the command
 *     line
 * @param address the client address, or {@code local}
 */
public record Actor(String name, String address) {

  public Actor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /** Ward itself (scheduled work, startup). */
  public static Actor system() {
    return new Actor("system", "local");
  }

  /** The command line, run by the operating-system user. */
  public static Actor cli() {
    return new Actor("cli:" + System.getProperty("user.name", "unknown"), "local");
  }

  /** The signed-in user of the current request (or {@link #system()} outside one). */
  public static Actor current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String name =
        auth == null || !auth.isAuthenticated() || auth.getName() == null
            ? "anonymous"
            : auth.getName();
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      return new Actor(name, address(attrs.getRequest()));
    }
    return auth == null ? system() : new Actor(name, "local");
  }

  /** The client address of a request (the socket peer; proxies' headers are not trusted). */
  public static String address(HttpServletRequest request) {
    return Objects.requireNonNullElse(request.getRemoteAddr(), "unknown");
  }
}
