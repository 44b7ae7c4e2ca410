package io.ward.server.web;

import io.ward.server.api.CurrentUser;
import org.springframework.http.HttpMethod;

/**
 * What the signed-in user may do, asked of the one authorization table: templates hide the buttons
 * a role cannot use (the server refuses them anyway).
 */
public final class Permissions {
  Permissions() {}

  /** True when the user may POST to {@code path}. */
  public boolean post(String path) {
    return CurrentUser.may(HttpMethod.POST, path);
  }

  /** True when the user may GET {@code path}. */
  public boolean get(String path) {
    return CurrentUser.may(HttpMethod.GET, path);
  }
}
