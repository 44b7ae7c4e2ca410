package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.api.FleetServer;
import io.ward.server.api.GroupFixtures;
import io.ward.server.api.SharedServer;
import io.ward.server.security.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The advisories page in real headless Chromium: a clinical engineer finds an advisory by its CVE
 * (menu, search), opens it, sees its affected devices, opens one group remediation for the devices
 * of one product, and moves that record to another status on the board grouped by urgency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdvisoryConsoleTest {
  FleetServer server;
  Browser browser;
  WebDriverWait wait;
  GroupFixtures fleet;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(
        Browser.available() || "true".equals(System.getenv("CI")),
        "no Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)");
    server = FleetServer.of(false);
    fleet = GroupFixtures.store(server.jdbc());
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

  @Test
  void shouldCreateAGroupRemediationFromTheAdvisoryPageAndChangeItsStatus() throws Exception {
    browser.driver.manage().deleteAllCookies();
    open("/login");
    find("#username").sendKeys(SharedServer.userName(Role.CLINICAL_ENGINEER));
    find("#password").sendKeys(SharedServer.PASSWORD);
    find("form button[type=submit]").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".whoami")));

    browser.driver.findElement(By.linkText("Advisories")).click();
    wait.until(ExpectedConditions.urlContains("/advisories"));
    WebElement q = find("#q");
    q.sendKeys(fleet.cve());
    q.sendKeys(Keys.ENTER); // the search form submits from the keyboard
    wait.until(ExpectedConditions.urlContains("q="));
    List<WebElement> rows = all("table.advisories tbody tr");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText())
        .contains(fleet.advisoryKey())
        .contains("CISA")
        .contains(fleet.cve())
        .contains("KEV");
    browser.fullPage("advisory-01-search");
    rows.get(0).findElement(By.linkText(fleet.advisoryKey())).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("group-form")));
    assertThat(find("dl.facts").getText()).contains("2 affected, 1 possibly affected");
    List<WebElement> affected = all("table.affected tbody tr");
    assertThat(affected).hasSize(3);
    assertThat(affected.get(0).findElement(By.cssSelector("a")).getAttribute("href"))
        .contains("/devices/");

    Select product = new Select(find("#g-product"));
    WebElement pumpA =
        product.getOptions().stream()
            .filter(o -> o.getText().contains("Pump A"))
            .findFirst()
            .orElseThrow();
    assertThat(pumpA.getText()).contains("firmware 1.0").contains("(2)");
    product.selectByVisibleText(pumpA.getText());
    find("#g-owner").sendKeys("biomed-console");
    browser.fullPage("advisory-02-detail");
    find("#group-form button[type=submit]").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".notice"), "2 finding(s) on 2 device(s)"));
    long id =
        server
            .jdbc()
            .sql("SELECT id FROM remediation WHERE owner = 'biomed-console'")
            .query(Long.class)
            .single();
    assertThat(
            server
                .jdbc()
                .sql("SELECT device_id FROM remediation_device WHERE remediation_id = ?")
                .param(id)
                .query(Long.class)
                .list())
        .containsExactlyInAnyOrderElementsOf(fleet.pumpsA());

    open("/remediations?sort=urgency&owner=biomed-console");
    WebElement column =
        all("section.column").stream()
            .filter(c -> c.getText().startsWith("Act now"))
            .findFirst()
            .orElseThrow();
    WebElement card = column.findElement(By.id("work-" + id));
    assertThat(card.getText()).contains("advisory " + fleet.advisoryKey()).contains("act now");
    new Select(card.findElement(By.cssSelector("select[name=to]"))).selectByValue("planned");
    card.findElement(By.cssSelector("input[name=note]")).sendKeys("window booked with the ward");
    card.findElement(By.cssSelector(".status-form button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "planned"));
    // Back on the board as it was grouped and filtered.
    assertThat(browser.driver.getCurrentUrl())
        .contains("sort=urgency")
        .contains("owner=biomed-console");
    browser.fullPage("advisory-03-board");
    assertThat(
            server
                .jdbc()
                .sql("SELECT status FROM remediation WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("PLANNED");
    assertThat(
            server
                .jdbc()
                .sql("SELECT action FROM audit_log WHERE target = ? ORDER BY seq")
                .param("remediation:" + id)
                .query(String.class)
                .list())
        .containsExactly("remediation.create", "remediation.transition");
  }
}
