package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.RunningServer;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditKeyReplacement;
import io.ward.server.audit.AuditKeys;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in real headless Chromium, as a person uses it: first-run setup with the one-time
 * link, sign-in, upload of a capture, its job finishing, finding a device, its evidence and
 * findings, a remediation record moved to another status; then a user whose role may not act is
 * refused. One server and one browser session for the whole flow; screenshots are saved under
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  static final String ADMIN_PASSWORD = "a sturdy admin passphrase";
  static final String AUDITOR_PASSWORD = "an auditor's long passphrase";

  RunningServer server;
  Browser browser;
  WebDriverWait wait;
  Path capture;
  long deviceId;
  String deviceName;

  @BeforeAll
  void start() throws Exception {
    // CI installs Chromium and must fail without it; elsewhere a missing browser skips the test.
    Assumptions.assumeTrue(
        Browser.available() || "true".equals(System.getenv("CI")),
        "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
    Path dir = Files.createTempDirectory("ward-browser-");
    server = WardServer.start(TestStore.h2Settings(dir));
    capture = dir.resolve("ward-general-hospital.pcap");
    try (OutputStream out = Files.newOutputStream(capture)) {
      // A small simulated hospital: pumps, monitors, imaging, lab, with DHCP, HL7 and DICOM;
      // more than one inventory page (50) even in a site holding all devices but five, so the
      // page links are exercised with filters.
      new HospitalSimulator(SimulationConfig.of(65, 15, 11)).run(out, Optional.empty());
    }
    browser = new Browser();
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

  WebElement find(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return browser.driver.findElements(By.cssSelector(css));
  }

  void open(String path) {
    browser.driver.get(server.url() + path);
  }

  String text() {
    return find("body").getText();
  }

  void signIn(String user, String password) {
    open("/login");
    find("#username").sendKeys(user);
    find("#password").sendKeys(password);
    find("form button[type=submit]").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".whoami")));
  }

  @Test
  @Order(0)
  void shouldShowASetupRefusalAsAPageWhenJavaScriptIsOff() throws Exception {
    String setupUrl = server.oneTimeLoginUrl().orElseThrow();
    browser.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    try {
      browser.driver.get(setupUrl.replaceFirst("token=.*", "token=mistyped"));
      find("#username").sendKeys("admin");
      find("#password").sendKeys(ADMIN_PASSWORD);
      find("#setup-form button").click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-error")));
      // The page came from the form's own POST (a script would have stayed on ?token=...).
      assertThat(browser.driver.getCurrentUrl()).isEqualTo(server.url() + "/setup");
      assertThat(find("#setup-error").getText())
          .isEqualTo("The setup link is invalid, used or expired.");
      assertThat(find("#username").getAttribute("value")).isEqualTo("admin");
      assertThat(find("#password").getAttribute("value")).isEmpty();
      assertThat(browser.driver.getPageSource()).doesNotContain("\"detail\"");
      browser.shot("00-setup-refused-without-javascript");
    } finally {
      browser.driver.executeCdpCommand(
          "Emulation.setScriptExecutionDisabled", Map.of("value", false));
    }
  }

  @Test
  @Order(1)
  void shouldCreateTheFirstAdminWithTheOneTimeSetupLink() throws Exception {
    String setupUrl = server.oneTimeLoginUrl().orElseThrow();
    browser.driver.get(setupUrl);
    assertThat(text()).contains("Create the first administrator");
    find("#username").sendKeys("admin");
    find("#password").sendKeys(ADMIN_PASSWORD);
    browser.shot("01-setup");
    find("#setup-form button").click();
    wait.until(ExpectedConditions.urlContains("/login?setup"));
    assertThat(text()).contains("The first admin was created");
    browser.shot("02-login-after-setup");

    browser.driver.get(setupUrl);
    assertThat(text()).contains("Setup is closed");
  }

  @Test
  @Order(2)
  void shouldSignInAndShowAnEmptyDashboard() throws Exception {
    signIn("admin", ADMIN_PASSWORD);
    assertThat(browser.driver.getTitle()).startsWith("Dashboard");
    assertThat(find(".whoami").getText()).contains("admin");
    browser.shot("03-dashboard-empty");
  }

  @Test
  @Order(3)
  void shouldUploadACaptureAndWatchItsJobFinish() throws Exception {
    open("/upload");
    find("#capture-file").sendKeys(capture.toAbsolutePath().toString());
    find("#capture-file").findElement(By.xpath("./ancestor::form//button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "queued"));
    browser.shot("04-upload-queued");
    // Analysis runs in the background; on a busy 2-core machine it may take a while.
    WebElement row =
        new WebDriverWait(browser.driver, Duration.ofSeconds(300))
            .until(d -> d.findElement(By.cssSelector("tr.job.state-succeeded")));
    assertThat(row.getText()).contains("ward-general-hospital.pcap").contains("devices");
    browser.shot("05-upload-succeeded");
  }

  @Test
  @Order(4)
  void shouldFindAnInfusionPumpAndShowWhyWardBelievesItIsOne() throws Exception {
    open("/devices");
    int before = all("table.inventory tbody tr").size();
    assertThat(before).isGreaterThan(10);
    find("#q").sendKeys("alaris");
    wait.until(d -> d.findElements(By.cssSelector("table.inventory tbody tr")).size() < before);
    List<WebElement> rows = all("table.inventory tbody tr");
    assertThat(rows).isNotEmpty();
    assertThat(rows.get(0).getText()).contains("infusion pump").contains("BD");
    assertThat(browser.driver.getCurrentUrl()).contains("q=alaris");
    browser.shot("06-inventory-search");
    rows.get(0).findElement(By.cssSelector("td a")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("evidence-h")));
    assertThat(all("table.evidence tbody tr")).isNotEmpty();
    String why = find("#evidence").getText();
    assertThat(why).containsIgnoringCase("vendor").contains("BD").containsIgnoringCase("alaris");
    // Each attribute's confidence as a whole percentage, in the meter's title and as text.
    assertThat(all("table.evidence td.num span"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.getText()).matches("\\d{1,3}%"));
    assertThat(find("table.evidence meter").getAttribute("title")).matches("\\d{1,3}%");
    assertThat(find("#network").getText()).contains("IP addresses");
    wait.until(d -> !d.findElements(By.cssSelector("#peer-graph canvas")).isEmpty());
    // The hour-by-hour traffic is fetched when its section is opened, by keyboard as by mouse.
    assertThat(all("#traffic table")).isEmpty();
    find("#traffic summary").sendKeys(org.openqa.selenium.Keys.ENTER);
    wait.until(d -> !d.findElements(By.cssSelector("#traffic table tbody tr")).isEmpty());
    assertThat(find("#traffic table").getText()).contains("Hour (UTC)");
    browser.fullPage("07-device-alaris");
  }

  @Test
  @Order(5)
  void shouldShowTheFindingsOfADeviceWithTheirRationale() throws Exception {
    open("/devices?q=rad-view");
    WebElement link = find("table.inventory tbody tr td a");
    String href = link.getAttribute("href");
    deviceId = Long.parseLong(href.substring(href.lastIndexOf('/') + 1));
    deviceName = link.getText();
    link.click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("vulns-h")));
    String vulns = find("#vulns").getText();
    assertThat(vulns).contains("Windows 7").contains("end of life");
    assertThat(find("#identity").getText()).contains("Windows 7");
    // Its DICOM associations carry DCMTK 3.6.2's class UID and version name: software on the HP
    // workstation, not its model.
    assertThat(find("#identity dd.software").getText()).contains("OFFIS DCMTK 3.6.2");
    assertThat(
            browser
                .driver
                .findElement(
                    By.xpath(
                        "//section[@id='identity']//dt[text()='Model']/following-sibling::dd[1]"))
                .getText())
        .doesNotContain("DCMTK");
    wait.until(d -> !d.findElements(By.cssSelector("#peer-graph canvas")).isEmpty());
    browser.fullPage("08-device-findings");
  }

  @Test
  @Order(6)
  void shouldOpenARemediationRecordAndChangeItsStatus() throws Exception {
    open("/devices/" + deviceId);
    WebElement form = find("details.new-work form");
    if (!form.isDisplayed()) {
      find("details.new-work summary").click();
    }
    // Typing into a date input depends on the browser's locale; set the ISO value directly.
    browser.driver.executeScript("arguments[0].value = '2099-03-31';", find("#r-due"));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "opened"));
    WebElement card = find("article.work");
    assertThat(card.getText()).contains("open").contains("2099-03-31");
    new Select(card.findElement(By.cssSelector("select[name=to]"))).selectByValue("in-progress");
    card.findElement(By.cssSelector("input[name=note]")).sendKeys("vendor engineer booked");
    card.findElement(By.cssSelector(".status-form button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".notice"), "in progress"));
    assertThat(find("article.work").getText()).contains("in progress");
    assertThat(find("article.work dd a").getText()).isEqualTo(deviceName);
    browser.shot("09-remediation-in-progress");
    open("/remediations");
    assertThat(text()).contains("Remediate").contains("in progress");
    browser.fullPage("10-remediation-board");
  }

  @Test
  @Order(7)
  void shouldEditARemediationRecordsOwnerDueDateWindowAndFixedVersion() throws Exception {
    open("/devices/" + deviceId);
    WebElement card = find("article.work");
    card.findElement(By.cssSelector("details.edit-work summary")).click();
    WebElement form = card.findElement(By.cssSelector(".edit-form"));
    WebElement owner = form.findElement(By.cssSelector("input[name=owner]"));
    owner.clear();
    owner.sendKeys("biomed night shift");
    browser.driver.executeScript(
        "arguments[0].value = '2099-06-30';", form.findElement(By.cssSelector("input[name=due]")));
    form.findElement(By.cssSelector("input[name=maintenanceWindow]"))
        .sendKeys("Sat 02:00-04:00 UTC");
    form.findElement(By.cssSelector("input[name=fixedVersion]")).sendKeys("SP3-hotfix-7");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "updated"));
    // Back on the device page (returnTo), the card shows the new values, not the old due date.
    assertThat(browser.driver.getCurrentUrl()).contains("/devices/" + deviceId);
    String shown = find("article.work").getText();
    assertThat(shown)
        .contains("biomed night shift")
        .contains("2099-06-30")
        .doesNotContain("2099-03-31")
        .contains("Sat 02:00-04:00 UTC")
        .contains("SP3-hotfix-7");
    browser.shot("09b-remediation-edited");
    // Sent back untouched, the form changes nothing: no new version, no audit entry.
    JdbcClient jdbc = server.context().getBean(JdbcClient.class);
    int version =
        jdbc.sql("SELECT version FROM remediation WHERE id = (SELECT MAX(id) FROM remediation)")
            .query(Integer.class)
            .single();
    find("article.work details.edit-work summary").click();
    find("article.work .edit-form button[type=submit]").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".notice"), "nothing changed"));
    assertThat(
            jdbc.sql("SELECT version FROM remediation WHERE id = (SELECT MAX(id) FROM remediation)")
                .query(Integer.class)
                .single())
        .isEqualTo(version);
    // The change is in the audit log, as an API PATCH is.
    open("/audit");
    List<String> updates =
        all("table tbody tr").stream()
            .map(WebElement::getText)
            .filter(t -> t.contains("remediation.update"))
            .toList();
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0))
        .contains("admin")
        .contains("owner=biomed night shift")
        .contains("due=2099-06-30")
        .contains("fixed version=SP3-hotfix-7")
        .doesNotContain("Optional[");
  }

  /** Device ids a page of the inventory table links to. */
  List<Long> listedIds() {
    return all("table.inventory tbody tr td a").stream()
        .map(a -> a.getAttribute("href"))
        .map(h -> Long.parseLong(h.substring(h.lastIndexOf('/') + 1)))
        .toList();
  }

  /** The API's answer for the same inventory filter, read with the browser's session. */
  @SuppressWarnings("unchecked")
  List<Long> apiIds(String query) {
    List<Number> ids =
        (List<Number>)
            browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/devices?limit=500&' + arguments[0])"
                    + ".then(r => r.json()).then(j => done(j.items.map(d => d.id)));",
                query);
    return ids.stream().map(Number::longValue).toList();
  }

  @Test
  @Order(8)
  void shouldFilterTheInventoryBySiteAndKeepTheSiteInTheUrlAndPageLinks() throws Exception {
    // Sites come from CMDB locations; place the captured devices in two of them directly.
    JdbcClient jdbc = server.context().getBean(JdbcClient.class);
    for (String name : List.of("North wing", "South wing")) {
      jdbc.sql("INSERT INTO site (name, created_at) VALUES (?, CURRENT_TIMESTAMP)")
          .param(name)
          .update();
    }
    long north =
        jdbc.sql("SELECT id FROM site WHERE name = 'North wing'").query(Long.class).single();
    long south =
        jdbc.sql("SELECT id FROM site WHERE name = 'South wing'").query(Long.class).single();
    List<Long> ids = jdbc.sql("SELECT id FROM device ORDER BY id").query(Long.class).list();
    assertThat(ids.size()).as("devices in the capture").isGreaterThan(56);
    jdbc.sql("UPDATE device SET site_id = ? WHERE id <= ?").params(south, ids.get(4)).update();
    jdbc.sql("UPDATE device SET site_id = ? WHERE id > ?").params(north, ids.get(4)).update();

    open("/devices");
    int before = all("table.inventory tbody tr").size();
    new Select(find("#site")).selectByVisibleText("South wing");
    wait.until(ExpectedConditions.urlContains("site=" + south));
    wait.until(d -> d.findElements(By.cssSelector("table.inventory tbody tr")).size() < before);
    assertThat(listedIds()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 5));
    assertThat(listedIds()).containsExactlyInAnyOrderElementsOf(apiIds("site=" + south));
    assertThat(find("#results-h").getText()).startsWith("5 devices");
    browser.shot("06b-inventory-site");

    // More than a page: the next-page link keeps the site, and every page holds only its devices.
    open("/devices?site=" + north);
    assertThat(new Select(find("#site")).getFirstSelectedOption().getText())
        .isEqualTo("North wing");
    List<Long> seen = new java.util.ArrayList<>(listedIds());
    WebElement next = find(".pager a[href*='cursor=']");
    assertThat(next.getAttribute("href")).contains("site=" + north);
    open(next.getAttribute("href").substring(server.url().length()));
    seen.addAll(listedIds());
    while (!all(".pager a[href*='cursor=']").isEmpty()) {
      open(find(".pager a[href*='cursor=']").getAttribute("href").substring(server.url().length()));
      seen.addAll(listedIds());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids.subList(5, ids.size()));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(apiIds("site=" + north));

    // Combined with the other filters, as the API combines them.
    open("/devices?site=" + south + "&medical=true&sort=vendor&order=asc");
    List<Long> medical = listedIds();
    assertThat(medical)
        .containsExactlyElementsOf(apiIds("site=" + south + "&medical=true&sort=vendor&order=asc"));
    assertThat(ids.subList(0, 5)).containsAll(medical);
    open("/devices?site=" + south + "&q=no-such-device-name");
    assertThat(listedIds()).isEmpty();
  }

  @Test
  @Order(9)
  void shouldShowTheDashboardVulnerabilitiesAuditAndAdminPages() throws Exception {
    open("/");
    wait.until(d -> !d.findElements(By.cssSelector(".chart canvas")).isEmpty());
    assertThat(find(".totals").getText()).contains("devices");
    assertThat(text()).contains("Top 10 devices to act on").contains("Utilisation");
    browser.fullPage("11-dashboard");
    open("/findings");
    assertThat(text()).contains("Windows 7");
    browser.shot("12-vulnerabilities");
    open("/audit?verify=true");
    assertThat(text()).contains("The chain holds").contains("remediation.transition");
    browser.shot("13-audit");
    open("/admin/users");
    find("#nu-name").sendKeys("auditor1");
    find("#nu-pass").sendKeys(AUDITOR_PASSWORD);
    new Select(find("#nu-role")).selectByValue("auditor");
    find("#nu-name").findElement(By.xpath("./ancestor::form//button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "auditor1"));
    browser.shot("14-users");
    open("/tokens");
    find("#t-name").sendKeys("capture uploads");
    find("#t-name").findElement(By.xpath("./ancestor::form//button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
    assertThat(find("#secret").getAttribute("value")).startsWith("ward_");
    browser.shot("15-tokens");
    open("/swagger-ui/index.html");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Ward API"));
    assertThat(text()).contains("/api/v1/devices");
    browser.shot("20-swagger-ui");
  }

  @Test
  @Order(10)
  void shouldStayUsableOnATablet() throws Exception {
    browser.size(820, 1180);
    try {
      open("/devices/" + deviceId);
      Long overflow =
          (Long)
              browser.driver.executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).as("horizontal overflow of the page").isLessThanOrEqualTo(0L);
      browser.shot("16-tablet-device");
      open("/");
      browser.shot("17-tablet-dashboard");
    } finally {
      browser.size(1366, 900);
    }
  }

  @Test
  @Order(11)
  void shouldBeKeyboardNavigableWithASkipLink() throws Exception {
    open("/devices");
    browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    WebElement first = browser.driver.switchTo().activeElement();
    assertThat(first.getText()).isEqualTo("Skip to main content");
    first.sendKeys(org.openqa.selenium.Keys.ENTER);
    assertThat(browser.driver.getCurrentUrl()).endsWith("#main");
    for (WebElement input : all("main input:not([type=hidden]), main select")) {
      String id = input.getAttribute("id");
      boolean labelled =
          (id != null && !all("label[for='" + id + "']").isEmpty())
              || !input.findElements(By.xpath("./ancestor::label")).isEmpty();
      assertThat(labelled).as("a label for %s", input.getAttribute("name")).isTrue();
    }
  }

  @Test
  @Order(12)
  void shouldRefuseEveryActionOfARoleWithoutTheRightInTheConsole() throws Exception {
    find(".whoami button").click();
    wait.until(ExpectedConditions.urlContains("/login?logout"));
    signIn("auditor1", AUDITOR_PASSWORD);
    String nav = find(".top nav").getText();
    assertThat(nav)
        .contains("Inventory")
        .contains("External endpoints")
        .contains("Audit log")
        .doesNotContain("Upload")
        .doesNotContain("Users");

    open("/devices/" + deviceId);
    assertThat(all("details.new-work")).isEmpty();
    assertThat(all(".status-form")).isEmpty();
    assertThat(all(".edit-work")).isEmpty();
    assertThat(find("#remediation").getText()).contains("Remediate");
    browser.shot("19-auditor-device");

    // Reading is for every role, as the API's GETs are: the external endpoints too.
    open("/external-endpoints");
    assertThat(all("table.external-endpoints tbody tr")).isNotEmpty();
    // Why each is external: the simulated hospital's internet hosts are all behind its router.
    assertThat(all("table.external-endpoints tbody tr td.reasons"))
        .isNotEmpty()
        .allSatisfy(td -> assertThat(td.getText()).isEqualTo("behind a router"));

    open("/upload");
    assertThat(text()).contains("Not allowed for your role");
    browser.shot("18-auditor-refused-upload");
    open("/admin/users");
    assertThat(text()).contains("Not allowed for your role");

    // Forms the page hides are refused by the server too (with a valid CSRF token).
    long remediation =
        server
            .context()
            .getBean(JdbcClient.class)
            .sql("SELECT MAX(id) FROM remediation")
            .query(Long.class)
            .single();
    open("/devices/" + deviceId);
    for (String[] action :
        new String[][] {
          {"/remediations/" + remediation + "/status", "to=patched"},
          {"/remediations/" + remediation + "/edit", "version=99&owner=mallory"},
          {"/remediations", "title=forged"},
          {"/upload", ""},
          {"/jobs/1/cancel", ""},
          {"/admin/users", "username=mallory&password=longenoughpassword&role=admin"},
        }) {
      Object status =
          browser.driver.executeScript(
              "const token = document.querySelector('meta[name=csrf-token]').content;"
                  + "return fetch(arguments[0], {method: 'POST', headers: {'Content-Type':"
                  + " 'application/x-www-form-urlencoded', 'X-CSRF-TOKEN': token},"
                  + " body: arguments[1], redirect: 'manual'}).then(r => r.status);",
              action[0],
              action[1]);
      assertThat(((Number) status).intValue()).as("POST %s", action[0]).isEqualTo(403);
    }
    assertThat(
            server
                .context()
                .getBean(JdbcClient.class)
                .sql("SELECT status FROM remediation WHERE id = ?")
                .param(remediation)
                .query(String.class)
                .single())
        .isEqualTo("IN_PROGRESS");
    assertThat(
            server
                .context()
                .getBean(JdbcClient.class)
                .sql("SELECT owner FROM remediation WHERE id = ?")
                .param(remediation)
                .query(String.class)
                .single())
        .isEqualTo("biomed night shift");
  }

  @Test
  @Order(14)
  void shouldGoToSignInWhenAnHtmxRequestMeetsAnEndedSession() throws Exception {
    // Signed in as auditor1 since the role test. An admin disables the account meanwhile.
    open("/devices");
    server
        .context()
        .getBean(io.ward.server.security.UserService.class)
        .setEnabled("auditor1", false, Actor.system());
    // The sort header is an htmx link: its 401 used to leave the page as it was, silently.
    find("table.inventory thead a[href*='sort=vendor']").click();
    wait.until(ExpectedConditions.urlContains("/login"));
    assertThat(find("#username").isDisplayed()).isTrue();
  }

  @Test
  @Order(15)
  void shouldShowTheRiskAcceptanceFieldsAgainWithTheReasonWhenAnAcceptanceIsRefused()
      throws Exception {
    // The account in use was disabled by the test before; the admin goes on in a new session.
    browser.driver.manage().deleteAllCookies();
    signIn("admin", ADMIN_PASSWORD);
    // A new record (the one before is in progress, from where a risk cannot be accepted).
    open("/devices/" + deviceId);
    if (!find("details.new-work form").isDisplayed()) {
      find("details.new-work summary").click();
    }
    find("details.new-work form button[type=submit]").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "opened"));
    java.util.regex.Matcher opened =
        java.util.regex.Pattern.compile("#(\\d+) opened").matcher(find(".notice").getText());
    assertThat(opened.find()).isTrue();
    long id = Long.parseLong(opened.group(1));
    WebElement card = find("#work-" + id);
    WebElement acceptance = card.findElement(By.cssSelector("fieldset.acceptance"));
    assertThat(acceptance.isDisplayed()).as("shown only for risk accepted").isFalse();
    new Select(card.findElement(By.cssSelector("select[name=to]"))).selectByValue("risk-accepted");
    assertThat(acceptance.isDisplayed()).isTrue();
    String reason = "no patch before Q3 <vendor> & \"segmented\" VLAN";
    card.findElement(By.cssSelector("input[name=acceptReason]")).sendKeys(reason);
    card.findElement(By.cssSelector("input[name=note]")).sendKeys("risk board of 12 May");
    // Six years ahead: the server refuses an acceptance of more than five.
    String until = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(6).toString();
    browser.driver.executeScript(
        "arguments[0].value = arguments[1];",
        card.findElement(By.cssSelector("input[name=acceptUntil]")),
        until);
    card.findElement(By.cssSelector(".status-form button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".failure"), "at most 5 years ahead"));

    // Back on the page, the card's form is as it was sent: risk accepted chosen, its fields shown.
    card = find("#work-" + id);
    assertThat(
            new Select(card.findElement(By.cssSelector("select[name=to]")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("risk-accepted");
    WebElement why = card.findElement(By.cssSelector("input[name=acceptReason]"));
    assertThat(card.findElement(By.cssSelector("fieldset.acceptance")).isDisplayed()).isTrue();
    assertThat(why.isDisplayed()).isTrue();
    assertThat(why.getAttribute("value")).isEqualTo(reason);
    assertThat(card.findElement(By.cssSelector("input[name=acceptUntil]")).getAttribute("value"))
        .isEqualTo(until);
    assertThat(card.findElement(By.cssSelector("input[name=note]")).getAttribute("value"))
        .isEqualTo("risk board of 12 May");
    browser.shot("22-risk-acceptance-refused");
    assertThat(
            server
                .context()
                .getBean(JdbcClient.class)
                .sql("SELECT status FROM remediation WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("OPEN");
  }

  @Test
  @Order(13)
  void shouldShowEntriesUnderAKeyDeclaredLostAsACaveatOfAnIntactChain() throws Exception {
    // What `ward audit new-key --key-lost` does after the key file is lost, beside the server.
    Files.delete(server.context().getBean(AuditKeys.class).file());
    server
        .context()
        .getBean(AuditKeyReplacement.class)
        .replace(new Actor("cli:operator", "local"), "disk replaced", java.util.Set.of(1L));

    open("/audit?verify=true");

    assertThat(find("[role=status]").getText()).startsWith("The chain holds");
    assertThat(find(".caveat").getText())
        .startsWith("Caveat: entries 1–")
        .contains("written under a key declared lost");
    assertThat(find("table.audit tbody tr").getText())
        .contains("audit.key.replace")
        .contains("reason: disk replaced");
    browser.shot("21-audit-key-declared-lost");
  }

  /** The address column of the external endpoints table, row by row. */
  List<String> listedAddresses() {
    return all("table.external-endpoints tbody tr td.ip").stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The {@code aria-sort} of the table's column whose header sorts by {@code sort}. */
  String sortedBy(String table, String sort) {
    return find(table + " thead a[href*='sort=" + sort + "&']")
        .findElement(By.xpath("./ancestor::th"))
        .getAttribute("aria-sort");
  }

  /** The query of the page's address (the console's parameters are the API's). */
  String query() {
    String url = browser.driver.getCurrentUrl();
    return url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
  }

  /** The API's addresses for the same external endpoints query, read with the browser's session. */
  @SuppressWarnings("unchecked")
  List<String> apiAddresses(String query) {
    return (List<String>)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/external-endpoints?limit=500&' + arguments[0])"
                + ".then(r => r.json()).then(j => done(j.items.map(e => e.ip)));",
            query);
  }

  /** The API's capture counts of the external endpoints, in its default order, as text. */
  @SuppressWarnings("unchecked")
  List<String> apiCaptures() {
    return (List<String>)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/external-endpoints?limit=500')"
                + ".then(r => r.json()).then(j => done(j.items.map(e => String(e.captures))));");
  }

  @Test
  @Order(16)
  void shouldListTheInternetHostsDevicesTalkedToAndShowThemOnEachDevicesPage() throws Exception {
    open("/devices");
    find(".top nav a[href='/external-endpoints']").click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.external-endpoints")));
    assertThat(browser.driver.getTitle()).startsWith("External endpoints");
    assertThat(find(".top nav a[aria-current=page]").getText()).isEqualTo("External endpoints");
    // The simulated hospital's workstations and phones reach cloud services through its router.
    List<String> addresses = listedAddresses();
    assertThat(addresses).isNotEmpty().containsExactlyElementsOf(apiAddresses(""));
    assertThat(find("#results-h").getText()).startsWith(addresses.size() + " external endpoint");
    for (WebElement row : all("table.external-endpoints tbody tr")) {
      assertThat(row.findElement(By.cssSelector("td.hostnames")).getText()).isNotBlank();
      assertThat(row.getText()).contains("tls");
      assertThat(row.findElements(By.cssSelector("td.devices a"))).isNotEmpty();
    }
    // How many captures showed each, as the API counts them.
    assertThat(all("table.external-endpoints thead th"))
        .extracting(WebElement::getText)
        .contains("Captures");
    assertThat(all("table.external-endpoints tbody tr td.captures"))
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(apiCaptures())
        .allSatisfy(n -> assertThat(Integer.parseInt(n)).isPositive());
    assertThat(text()).doesNotContain("Optional[");
    browser.fullPage("23-external-endpoints");

    // Sorting by flows, busiest first, as the API sorts.
    find("table.external-endpoints thead a[href*='sort=flows']").click();
    wait.until(ExpectedConditions.urlContains("sort=flows"));
    wait.until(d -> listedAddresses().equals(apiAddresses("sort=flows")));

    // The search box narrows the list to a host name, still busiest first: the sort the header
    // chose goes with the search (the form sent the page's first sort).
    find("#q").sendKeys("microsoft");
    wait.until(ExpectedConditions.urlContains("q=microsoft"));
    wait.until(d -> listedAddresses().size() < addresses.size());
    assertThat(query()).contains("sort=flows").contains("order=desc");
    assertThat(sortedBy("table.external-endpoints", "flows")).isEqualTo("descending");
    assertThat(listedAddresses())
        .isNotEmpty()
        .containsExactlyElementsOf(apiAddresses("q=microsoft&sort=flows&order=desc"));
    assertThat(all("table.external-endpoints tbody td.hostnames"))
        .allSatisfy(h -> assertThat(h.getText()).containsIgnoringCase("microsoft"));

    // A device that talked with one: its page lists the endpoint, with its own traffic.
    WebElement row = find("table.external-endpoints tbody tr");
    String ip = row.findElement(By.cssSelector("td.ip")).getText();
    WebElement talker = row.findElement(By.cssSelector("td.devices a"));
    String name = talker.getText();
    talker.click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("external-h")));
    assertThat(find("h1").getText()).isEqualTo(name);
    WebElement section = find("#external");
    assertThat(section.findElements(By.cssSelector("tbody tr td a")))
        .extracting(WebElement::getText)
        .contains(ip);
    assertThat(section.getText()).contains("tls");
    browser.fullPage("24-device-external-endpoints");

    // Its endpoints on the list page, filtered to the device.
    find("#external-all").click();
    wait.until(ExpectedConditions.urlContains("deviceId="));
    assertThat(find("#device-filter").getText()).isEqualTo(name);
    assertThat(listedAddresses()).contains(ip).containsExactlyElementsOf(apiAddresses(query()));
  }

  @Test
  @Order(17)
  void shouldKeepTheSortAHeaderChoseWhenTheInventoryIsSearched() throws Exception {
    open("/devices");
    find("table.inventory thead a[href*='sort=vendor']").click();
    wait.until(ExpectedConditions.urlContains("sort=vendor"));
    wait.until(d -> "ascending".equals(sortedBy("table.inventory", "vendor")));

    find("#q").sendKeys("pump");
    wait.until(ExpectedConditions.urlContains("q=pump"));
    assertThat(query()).contains("sort=vendor").contains("order=asc");
    assertThat(sortedBy("table.inventory", "vendor")).isEqualTo("ascending");
    assertThat(listedIds())
        .hasSizeGreaterThan(1)
        .containsExactlyElementsOf(apiIds("q=pump&sort=vendor&order=asc"));
    browser.shot("25-inventory-sorted-and-searched");
  }
}
