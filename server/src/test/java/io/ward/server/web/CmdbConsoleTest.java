package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.api.Fixtures;
import io.ward.server.api.Http;
import io.ward.server.api.SharedServer;
import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The CMDB reconciliation in real headless Chromium: after a CMDB export is imported, the device it
 * disagrees with shows "CMDB disagrees" to every role, and the reconciliation page (linked from the
 * upload page's job) lists the conflicts and the assets not seen on the network, filtered by kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CmdbConsoleTest {
  SharedServer server;
  Browser browser;
  WebDriverWait wait;
  long deviceId;
  String vendor;
  long otherDevice;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(
        Browser.available() || "true".equals(System.getenv("CI")),
        "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
    server = SharedServer.h2();
    Http analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
    for (String capture : new String[] {Fixtures.HL7, Fixtures.DHCP}) {
      JsonNode job = Fixtures.ingest(analyst, capture);
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    }
    JsonNode device = null;
    JsonNode items =
        Http.json(analyst.get("/api/v1/devices?limit=500&sort=id&order=asc").body()).get("items");
    for (JsonNode d : items) {
      if (d.hasNonNull("mac") && d.hasNonNull("vendor") && device == null) {
        device = d;
      }
    }
    assertThat(device).as("a device with a MAC address and a vendor").isNotNull();
    deviceId = device.get("id").asLong();
    vendor = device.get("vendor").asString();
    for (JsonNode d : items) {
      if (d.get("id").asLong() != deviceId) {
        otherDevice = d.get("id").asLong();
      }
    }
    String csv =
        "asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,"
            + "mac_address,ip_address,host_name\n"
            + "UI-1,Qwerty Medical Works,,,,Biomed,,"
            + device.get("mac").asString()
            + ",,\n"
            + "UI-2,Baxter,Sigma Spectrum,SN-UI-2,,ICU,ICU store room,02:00:00:0e:00:02,,\n";
    HttpResponse<String> r =
        analyst.upload(
            "/api/v1/cmdb", "file", "cmdb-console.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode job = Fixtures.awaitJob(analyst, Http.json(r.body()).get("id").asLong());
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    browser = new Browser();
    wait = new WebDriverWait(browser.driver, Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
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

  void signIn(Role role) {
    browser.driver.manage().deleteAllCookies();
    open("/login");
    find("#username").sendKeys(SharedServer.userName(role));
    find("#password").sendKeys(SharedServer.PASSWORD);
    find("form button[type=submit]").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".whoami")));
  }

  @Test
  void shouldShowTheDisagreementOnTheDevicePageAndListEverythingOnTheReconciliationPage()
      throws Exception {
    signIn(Role.AUDITOR);
    open("/devices/" + deviceId);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cmdb-h")));
    assertThat(find("#cmdb-h").getText()).isEqualTo("CMDB disagrees");
    List<WebElement> rows = all("#cmdb tr.cmdb-conflict");
    assertThat(rows).hasSize(1);
    String row = rows.get(0).getText();
    assertThat(row)
        .contains("vendor")
        .contains(vendor)
        .contains("Qwerty Medical Works")
        .contains("asset UI-1")
        .contains("cmdb-console.csv:2");
    assertThat(find("nav.tabs").getText()).contains("CMDB disagrees");
    browser.fullPage("cmdb-01-device-disagrees");

    // A device the CMDB does not contradict shows no such section.
    open("/devices/" + otherDevice);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identity-h")));
    assertThat(all("#cmdb")).isEmpty();

    open("/cmdb");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
    assertThat(find("#cmdb-import").getText())
        .contains("cmdb-console.csv")
        .contains("1 vendor")
        .contains("1 not observed");
    List<WebElement> listed = all("#results tr.cmdb-conflict");
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).getText()).contains("Qwerty Medical Works");
    assertThat(listed.get(1).getText())
        .contains("not observed")
        .contains("Baxter Sigma Spectrum")
        .contains("was not seen on the network");
    assertThat(listed.get(0).findElement(By.cssSelector("a")).getAttribute("href"))
        .endsWith("/devices/" + deviceId);
    browser.fullPage("cmdb-02-reconciliation");

    // The kind filter swaps the results in place (htmx) and keeps the choice in the address.
    new Select(find("#kind")).selectByValue("not-observed");
    wait.until(d -> d.findElements(By.cssSelector("#results tr.cmdb-conflict")).size() == 1);
    assertThat(find("#results tr.cmdb-conflict").getText()).contains("asset UI-2");
    assertThat(browser.driver.getCurrentUrl()).contains("kind=not-observed");
    browser.shot("cmdb-03-not-observed");
  }

  @Test
  void shouldLinkTheReconciliationFromTheUploadPagesCmdbJob() throws Exception {
    signIn(Role.SECURITY_ANALYST);
    open("/upload");
    WebElement job =
        all("tr.job").stream()
            .filter(r -> r.getText().contains("cmdb-console.csv"))
            .findFirst()
            .orElseThrow();
    assertThat(job.getText()).contains("1 conflict").contains("1 not seen on the network");
    job.findElement(By.linkText("Conflicts and unseen assets")).click();
    wait.until(ExpectedConditions.urlContains("/cmdb"));
    assertThat(find("h1").getText()).isEqualTo("CMDB reconciliation");
    assertThat(all("#results tr.cmdb-conflict")).hasSize(2);
  }
}
