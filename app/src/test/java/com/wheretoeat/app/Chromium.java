package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages,
 * driven by Selenium. Without them a test is skipped with one line saying why, except under CI
 * ({@code CI=true}), where a missing browser fails the run.
 */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** How the browser looks at the page. */
    enum Screen {
        DESKTOP(1280, 900), PHONE(390, 844);

        final int width;
        final int height;

        Screen(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private Chromium() {}

    static void assumeInstalled() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        String why = "headless Chromium is not installed (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    static ChromeDriver open(Screen screen, boolean dark) {
        return open(screen, dark, true);
    }

    static ChromeDriver open(Screen screen, boolean dark, boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        Path profile;
        try {
            profile = Files.createTempDirectory("wte-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without the background-networking flags Chromium keeps knocking at hosts this closed
        // network refuses; --no-sandbox because tests run as root in CI.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile);
        if (screen == Screen.PHONE) {
            options.setExperimentalOption("mobileEmulation", Map.of(
                    "deviceMetrics", Map.of("width", screen.width, "height", screen.height, "pixelRatio", 3.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                            + "Chrome/156.0 Mobile Safari/537.36"));
        } else {
            options.addArguments("--window-size=" + screen.width + "," + screen.height);
        }
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (dark) {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                    "features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        }
        return driver;
    }
}
