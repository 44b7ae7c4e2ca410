package io.ward.server;

import static io.ward.server.FullDiskChanges.createToken;
import static io.ward.server.FullDiskChanges.firstRefused;
import static io.ward.server.FullDiskChanges.tokenNames;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ward.server.api.Http;
import io.ward.server.audit.AuditLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A change PostgreSQL cannot write because its disk is full (SQLSTATE 53100) is answered 507 with
 * the message the embedded database's full disk gets ({@link DatabaseDiskFullTest}), through the
 * API and in the console, not 500. Nothing of it is stored, and, unlike on H2, nothing answered
 * before it is lost: PostgreSQL writes a commit before answering it. The server takes changes again
 * once there is space, without a restart. The disk is full for real: the server's database lives in
 * a tablespace on a small tmpfs, filled until the kernel refuses more ({@link FullTablespace}); the
 * test is skipped without {@code WARD_TEST_POSTGRES=1}, root or a tmpfs.
 */
class PostgresDiskFullTest {
  @TempDir Path dataDir;

  @Test
  void shouldAnswer507ToAChangeItsFullDiskCannotTakeAndKeepEveryChangeAnsweredBefore()
      throws Exception {
    try (FullTablespace disk = FullTablespace.open(/* sizeMiB= */ 32);
        RunningServer server = WardServer.start(disk.settings(dataDir))) {
      Http admin = Http.bearer(server.url(), FullDiskServer.admin(server));
      // Signed in while there is space: a sign-in is a change too (it is audited).
      Http console = Http.session(server.url());
      console.signIn("admin", FullDiskServer.PASSWORD);
      String csrf = console.csrf();
      assertThat(createToken(admin, "before").statusCode()).isEqualTo(201);

      assertThat(disk.fill()).isPositive();
      FullDiskChanges.Refusal api = firstRefused(n -> createToken(admin, "full-" + n), 201);
      HttpResponse<String> refused = api.answer();
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
      assertThat(refused.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("application/problem+json");
      JsonNode problem = Http.json(refused.body());
      assertThat(problem.get("title").asString()).isEqualTo("Insufficient storage");
      assertThat(problem.get("detail").asString()).isEqualTo(DiskFull.DATABASE);

      ListAppender<ILoggingEvent> logged = new ListAppender<>();
      Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
      logged.start();
      root.addAppender(logged);
      FullDiskChanges.Refusal form;
      try {
        form =
            firstRefused(
                n -> console.form("/tokens", Map.of("name", "console-" + n, "_csrf", csrf)), 302);
      } finally {
        root.detachAppender(logged);
      }
      // One line saying why, not an error with the whole stack trace for every refused change.
      assertThat(logged.list)
          .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEmpty();
      assertThat(logged.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.startsWith("a console change was refused, the database's disk is full"));
      HttpResponse<String> page = form.answer();
      assertThat(page.statusCode()).as(page.body()).isEqualTo(507);
      assertThat(page.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/html");
      assertThat(page.body())
          .contains("Insufficient storage")
          .contains("the database could not store this change, and nothing of it was stored");

      disk.free();
      assertThat(createToken(admin, "after").statusCode()).isEqualTo(201);
      assertThat(tokenNames(admin))
          .contains("before", "after")
          .containsAll(names("full-", api.n()))
          .containsAll(names("console-", form.n()))
          .doesNotContain("full-" + api.n(), "console-" + form.n());
      assertThat(server.context().getBean(AuditLog.class).verify().intact()).isTrue();
    }
  }

  /** {@code prefix0} to {@code prefix(count - 1)}: the changes answered before the refused one. */
  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(n -> prefix + n).toList();
  }
}
