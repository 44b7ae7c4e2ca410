package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.RunningServer;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.security.PasswordPolicy;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * What the users page flashes back into the session when it refuses a form is never more than the
 * form's fields allow, whatever a request sends (a form post may carry megabytes): the page's
 * controller of a running server, called with such values, and its flash read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedFormFlashTest {
  static final String PASSWORD = "a long enough password";

  RunningServer server;
  AdminPages pages;

  @BeforeAll
  void start() throws Exception {
    server = WardServer.start(TestStore.h2Settings(Files.createTempDirectory("ward-flash-")));
    pages = server.context().getBean(AdminPages.class);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void shouldKeepNoMoreOfARefusedNewUserThanItsFieldsAllow() {
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String name = "n".repeat(PasswordPolicy.MAX_USERNAME) + "BEYOND" + "m".repeat(100_000);
    String role = "auditor" + "x".repeat(100_000);

    pages.createUser(name, PASSWORD, role, flash);

    Map<String, ?> kept = flash.getFlashAttributes();
    assertThat(kept.get("failure")).asString().startsWith("role must be one of");
    assertThat(kept.get("newUsername")).isEqualTo("n".repeat(PasswordPolicy.MAX_USERNAME));
    assertThat(kept.get("newRole")).asString().hasSize(TypedFields.CHOICE).startsWith("auditor");
    assertThat(kept.values()).noneSatisfy(v -> assertThat(v).asString().contains(PASSWORD));
  }

  @Test
  void shouldNotSayBackAUserNameThatNoUserCanHave() {
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    pages.resetPassword("m".repeat(1_000_000), PASSWORD, flash);
    assertThat(flash.getFlashAttributes().get("failure")).isEqualTo("no user by that name");

    // A name a user could have is said back: it is at most 100 characters.
    flash = new RedirectAttributesModelMap();
    pages.resetPassword("nobody.here", PASSWORD, flash);
    assertThat(flash.getFlashAttributes().get("failure")).isEqualTo("no user nobody.here");
  }
}
