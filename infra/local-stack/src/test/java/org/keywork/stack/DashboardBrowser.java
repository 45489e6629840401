package org.keywork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium on the dashboard of a running stack, for the end-to-end tests: sign in and out, open a
 * view and wait until it has rendered with its data, take screenshots (to {@code target/screenshots/}); files the
 * page downloads land in {@code downloads}.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final Dimension DESKTOP = new Dimension(1400, 1000);
    static final Dimension PHONE = new Dimension(390, 844);

    final ChromeDriver driver;
    private final String gateway;
    private final Path downloads;

    DashboardBrowser(String gateway, Path profile, Path downloads) throws IOException {
        this.gateway = gateway;
        this.downloads = downloads;
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            options.setBinary("/usr/bin/chromium");
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=1400,1000", "--user-data-dir=" + profile);
        if (downloads != null) {
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "safebrowsing.enabled", false));
        }
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    void signIn(String username, String password) {
        open("#/login", "login");
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready",
                "overview"));
    }

    void signOut() {
        script("sessionStorage.clear()");
    }

    /** Opens a view and waits until it has rendered with its data. */
    void open(String hash, String view) {
        driver.get(gateway + "/" + hash);
        driver.navigate().refresh();
        awaitView(view);
    }

    void awaitView(String view) {
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", view));
    }

    WebDriverWait waitFor(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(100));
        // the dashboard re-renders its lists as data arrives: an element found a moment ago may be gone
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** The page at desktop and at phone size ({@code name}.png and {@code name}-phone.png), then back to desktop. */
    void screenshots(String name, String view) throws IOException {
        driver.manage().window().setSize(DESKTOP);
        screenshot(name);
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        awaitView(view);
        screenshot(name + "-phone");
        driver.manage().window().setSize(DESKTOP);
        driver.navigate().refresh();
        awaitView(view);
    }

    /** The file the page downloaded under this name, once complete. */
    Path awaitDownload(String name) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Path file = downloads.resolve(name);
            try (Stream<Path> partial = Files.list(downloads)) {
                if (Files.exists(file) && partial.noneMatch(p -> p.toString().endsWith(".crdownload"))) {
                    return file;
                }
            }
            Thread.sleep(200);
        }
        try (Stream<Path> files = Files.list(downloads)) {
            throw new AssertionError("no " + name + " downloaded within 30 s; there are " + files.toList());
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
