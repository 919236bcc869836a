package io.pma.dashboard;

import io.pma.Prerequisites;
import io.pma.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both binaries come from the
 * system packages ({@code .ci/run} installs them): pointing Selenium at them explicitly keeps
 * Selenium Manager from trying to download a browser or a driver.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Path profile;
  private final ChromeDriver driver;

  private Chromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  static Chromium launch() {
    Path binary = Path.of(Prerequisites.program("chromium", "chromium", BINARY.toString()));
    Path driverBinary = Path.of(Prerequisites.program("chromedriver", "chromium-driver",
        DRIVER.toString()));
    System.setProperty("webdriver.chrome.driver", driverBinary.toString());
    Path profile = tempDir();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1280,800",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
    return new Chromium(profile, new ChromeDriver(service, options));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Waits (polling, with a timeout) until {@code condition} returns something truthy. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    return await(WAIT, what, condition);
  }

  <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout).withMessage(what).until(condition);
  }

  /** Sets the layout viewport exactly (CSS pixels, device scale 1); {@code mobile} honours the viewport meta. */
  void viewport(int width, int height, boolean mobile) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /**
   * Network emulation: offline refuses new connections (the page gets its {@code offline} and
   * {@code online} events) but leaves open WebSockets alone.
   */
  void offline(boolean offline) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline,
        "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  void resetViewport() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Saves a PNG of the viewport to {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path file = Path.of("target", "screenshots", name + ".png");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Uncaught script errors logged since the last call. Failed network requests are not errors
   * of the page itself (a 404 for an optional API, a refused WebSocket while the server is down).
   */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource") && !m.contains("WebSocket connection to"))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      Processes.deleteTree(profile);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("pma-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
