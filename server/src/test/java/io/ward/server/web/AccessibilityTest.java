package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.RunningServer;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.api.Fixtures;
import io.ward.server.api.GroupFixtures;
import io.ward.server.api.Http;
import io.ward.server.audit.Actor;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 §5 in real headless Chromium: every console page an admin reaches, with data present, is
 * readable (WCAG 2.1 AA text contrast), names its controls, can be walked with the Tab key in DOM
 * order with a visible focus indicator, and fits a laptop (1366×768) and a tablet (768×1024)
 * without sideways scrolling. One server and one browser session; each page is loaded once per
 * viewport; screenshots go to {@code target/screenshots/a11y-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessibilityTest {
  static final String PASSWORD = "an accessible admin passphrase";
  static final Path REPORT = Browser.SCREENSHOTS.resolve("a11y-report.txt");

  /** The viewports of issue 4 §5; every check runs on the laptop, layout checks on the tablet. */
  enum Viewport {
    LAPTOP(1366, 768),
    TABLET(768, 1024);

    final int width;
    final int height;

    Viewport(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }

  RunningServer server;
  Browser browser;
  PageChecks checks;
  WebDriverWait wait;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(
        Browser.available() || "true".equals(System.getenv("CI")),
        "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
    server = WardServer.start(TestStore.h2Settings(Files.createTempDirectory("ward-a11y-")));
    browser = new Browser();
    Files.deleteIfExists(REPORT);
    checks = new PageChecks(browser.driver);
    wait = new WebDriverWait(browser.driver, Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(0)
  void shouldReportEachKindOfFailureOnAPageMadeToFail() throws Exception {
    browser.size(Viewport.TABLET.width, Viewport.TABLET.height);
    Path page = Files.createTempDirectory("ward-a11y-bad-").resolve("bad.html");
    Files.writeString(
        page,
        """
        <!DOCTYPE html><html lang="en"><head><style>
          body { background: #ffffff; color: #1f2933; font: 16px sans-serif; }
          .pale { color: #9aa5b1; }
          .big { color: #8a8a8a; font-size: 24px; }
          button { outline: none; }
          .wide { width: 1200px; }
          .scroll { overflow-x: auto; }
        </style></head><body>
          <p class="pale">pale grey text</p>
          <p class="big">large grey text</p>
          <input id="nameless">
          <img src="x.png">
          <a href="#"></a>
          <a href="#" tabindex="2">jumps the queue</a>
          <button>no ring</button>
          <a href="#" tabindex="-1">unreachable</a>
          <div class="scroll"><div class="wide">scrolls in its box</div></div>
          <div class="wide">too wide</div>
        </body></html>
        """);
    browser.driver.get(page.toUri().toString());
    assertThat(checks.contrast())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("pale grey text")
        .contains("#9aa5b1 on #ffffff is 2.");
    assertThat(String.join("\n", checks.names()))
        .contains("control without a name: input#nameless")
        .contains("image without alt")
        .contains("button or link without a name: body > a")
        .contains("positive tabindex 2")
        .contains("taken out of the tab order: body > a \"unreachable\"");
    assertThat(String.join("\n", checks.keyboard()))
        .containsPattern("Tab stop \\d reached .*expected body > a \"jumps the queue\"")
        .contains("no visible focus indicator: body > button \"no ring\"");
    List<String> overflow = checks.overflow();
    assertThat(overflow.get(0)).startsWith("document is 12");
    assertThat(String.join("\n", overflow))
        .contains("div.wide \"too wide\"")
        .doesNotContain("scrolls in its box");
  }

  @Test
  @Order(1)
  void shouldMakeTheSetupAndSignInPagesAccessibleBeforeTheFirstAdminExists() throws Exception {
    String setup = server.oneTimeLoginUrl().orElseThrow();
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("setup", setup.substring(server.url().length()));
    pages.put("login", "/login");
    pages.put("login-error", "/login?error");
    List<String> failures = visitAll(pages);
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
  }

  @Test
  @Order(2)
  void shouldMakeEveryConsolePageAccessibleWithData() throws Exception {
    Map<String, String> pages = fill();
    browser.driver.manage().deleteAllCookies();
    browser.size(Viewport.LAPTOP.width, Viewport.LAPTOP.height);
    browser.driver.get(server.url() + "/login");
    browser.driver.findElement(By.id("username")).sendKeys("admin");
    browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".whoami")));
    List<String> failures = visitAll(pages);
    assertThat(failures).as(String.join("\n", failures)).isEmpty();
    // The external endpoints table the checks read had each of its columns, with data: the
    // captures count too, a column header of its own.
    browser.size(Viewport.LAPTOP.width, Viewport.LAPTOP.height);
    browser.driver.get(server.url() + "/external-endpoints");
    assertThat(
            browser.driver.findElements(
                By.cssSelector("table.external-endpoints thead th[scope=col]")))
        .extracting(org.openqa.selenium.WebElement::getText)
        .contains("Address", "Devices", "Captures");
    assertThat(
            browser.driver.findElements(
                By.cssSelector("table.external-endpoints tbody td.captures")))
        .isNotEmpty()
        .allSatisfy(td -> assertThat(td.getText()).matches("[1-9]\\d*"));
  }

  /**
   * Stores what makes every page show its parts: an admin with an API token, two real captures and
   * a simulated hospital's (whose devices talk to internet hosts), an advisory with findings on a
   * small fleet, a group remediation and a CMDB import that disagrees with the network; returns the
   * pages to visit, by name.
   */
  Map<String, String> fill() throws Exception {
    server
        .context()
        .getBean(UserService.class)
        .create("admin", PASSWORD, Role.ADMIN, Actor.system());
    String token =
        server
            .context()
            .getBean(TokenService.class)
            .create("admin", "a11y", Actor.system())
            .secret();
    Http admin = Http.bearer(server.url(), token);
    for (String capture : new String[] {Fixtures.HL7, Fixtures.DHCP}) {
      JsonNode job = Fixtures.ingest(admin, capture);
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    }
    // A small simulated hospital, whose workstations reach internet services (external endpoints).
    java.io.ByteArrayOutputStream hospital = new java.io.ByteArrayOutputStream();
    new io.ward.simulate.HospitalSimulator(io.ward.simulate.SimulationConfig.of(40, 2, 7))
        .run(hospital, java.util.Optional.empty());
    HttpResponse<String> upload =
        admin.upload("/api/v1/captures", "file", "hospital.pcap", hospital.toByteArray());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
    JsonNode simulated = Fixtures.awaitJob(admin, Http.json(upload.body()).get("id").asLong());
    assertThat(simulated.get("state").asString()).as(simulated.toString()).isEqualTo("succeeded");
    JdbcClient jdbc = server.context().getBean(JdbcClient.class);
    long captured = jdbc.sql("SELECT MIN(id) FROM device").query(Long.class).single();
    long talker =
        jdbc.sql("SELECT MIN(device_id) FROM external_endpoint_device").query(Long.class).single();
    String mac =
        jdbc.sql("SELECT mac FROM device WHERE mac IS NOT NULL ORDER BY id")
            .query(String.class)
            .list()
            .get(0);
    GroupFixtures fleet = GroupFixtures.store(jdbc);
    HttpResponse<String> group =
        admin.json(
            "POST",
            "/api/v1/remediations/groups",
            Http.json(Map.of("advisoryKey", fleet.advisoryKey(), "owner", "biomed-a11y")));
    assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
    String csv =
        "asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,"
            + "mac_address,ip_address,host_name\n"
            + "A11Y-1,Qwerty Medical Works,,,,Biomed,,"
            + mac
            + ",,\n"
            + "A11Y-2,Baxter,Sigma Spectrum,SN-A11Y-2,,ICU,ICU store room,02:00:00:0e:00:09,,\n";
    HttpResponse<String> r =
        admin.upload("/api/v1/cmdb", "file", "a11y.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode job = Fixtures.awaitJob(admin, Http.json(r.body()).get("id").asLong());
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");

    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("dashboard", "/");
    pages.put("devices", "/devices");
    pages.put("device-captured", "/devices/" + captured);
    pages.put("device-with-external-endpoints", "/devices/" + talker);
    pages.put("external-endpoints", "/external-endpoints");
    pages.put("device-with-work", "/devices/" + fleet.pumpsA().get(0));
    pages.put("findings", "/findings");
    pages.put("remediations", "/remediations");
    pages.put("advisories", "/advisories");
    pages.put("advisory", "/advisories/" + fleet.advisoryId());
    pages.put("cmdb", "/cmdb");
    pages.put("upload", "/upload");
    pages.put("users", "/admin/users");
    pages.put("tokens", "/tokens");
    pages.put("audit", "/audit");
    pages.put("setup-closed", "/setup");
    return pages;
  }

  /** Loads every page once per viewport, runs the checks and returns every failure, labelled. */
  List<String> visitAll(Map<String, String> pages) throws Exception {
    List<String> failures = new ArrayList<>();
    for (Viewport v : Viewport.values()) {
      browser.size(v.width, v.height);
      for (Map.Entry<String, String> page : pages.entrySet()) {
        browser.driver.get(server.url() + page.getValue());
        wait.until(
            d -> "complete".equals(browser.driver.executeScript("return document.readyState")));
        assertThat(browser.driver.getCurrentUrl())
            .as("%s stays on its page (not sent to sign in or an error)", page.getKey())
            .startsWith(server.url() + page.getValue().replaceFirst("\\?.*", ""));
        assertThat((Long) browser.driver.executeScript("return window.innerWidth"))
            .isEqualTo(v.width);
        String where = page.getKey() + " @" + v.name().toLowerCase() + ": ";
        List<String> found = new ArrayList<>(checks.overflow());
        found.addAll(checks.contrast());
        if (v == Viewport.LAPTOP) {
          found.addAll(checks.names());
          found.addAll(checks.keyboard());
        }
        found.forEach(f -> failures.add(where + f));
        browser.fullPage("a11y-" + v.name().toLowerCase() + "-" + page.getKey());
      }
    }
    Files.write(
        REPORT,
        failures,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return failures;
  }
}
