package io.ward.server.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium (Debian {@code chromium} and {@code chromium-driver}) driven by
 * Selenium, with a fresh profile, and screenshots saved under {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final Path profile;

  Browser() throws IOException {
    profile = Files.createTempDirectory("ward-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(env("WARD_CHROMIUM", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--window-size=1366,900",
        "--lang=en-GB");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(env("WARD_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    Files.createDirectories(SCREENSHOTS);
  }

  /** True when the system Chromium and its driver are installed. */
  static boolean available() {
    return Files.isExecutable(Path.of(env("WARD_CHROMIUM", "/usr/bin/chromium")))
        && Files.isExecutable(Path.of(env("WARD_CHROMEDRIVER", "/usr/bin/chromedriver")));
  }

  /** Saves a screenshot of the window as {@code target/screenshots/<name>.png}. */
  Path shot(String name) throws IOException {
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.move(
        driver.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /**
   * Saves a screenshot of the whole page, as tall as its content (through the DevTools protocol).
   */
  @SuppressWarnings("unchecked")
  Path fullPage(String name) throws IOException {
    Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
    long width = (Long) driver.executeScript("return window.innerWidth;");
    long height =
        Math.min(12_000, (long) Math.ceil(((Number) content.get("height")).doubleValue()));
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    try {
      return shot(name);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  /** Resizes the window (a laptop is 1366×900, a tablet 820×1180). */
  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var walk = Files.walk(profile)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
