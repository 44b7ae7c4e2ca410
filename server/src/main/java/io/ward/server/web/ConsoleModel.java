package io.ward.server.web;

import io.ward.server.api.CurrentUser;
import io.ward.server.security.Role;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows: who is signed in, with which role, and what it may do. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
  private static final Permissions PERMISSIONS = new Permissions();
  private static final Times FMT = new Times();

  @ModelAttribute("can")
  Permissions can() {
    return PERMISSIONS;
  }

  @ModelAttribute("fmt")
  Times fmt() {
    return FMT;
  }

  @ModelAttribute("username")
  String username() {
    return CurrentUser.username().orElse("");
  }

  @ModelAttribute("roleName")
  String roleName() {
    return CurrentUser.role().map(ConsoleModel::label).orElse("");
  }

  /**
   * Adds what {@code @ModelAttribute} methods add to pages, for views rendered where they do not
   * run (exception handlers).
   */
  void fill(org.springframework.ui.Model model) {
    model.addAttribute("can", can());
    model.addAttribute("fmt", fmt());
    model.addAttribute("username", username());
    model.addAttribute("roleName", roleName());
  }

  /** A role for people: {@code security-analyst} reads "security analyst". */
  static String label(Role role) {
    return role.id().replace('-', ' ');
  }
}
