package ml.pipeline.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The browser test's set-up: Debian's Chromium (installed with apt-get when missing and this runs
 * as root, as CI does) and playwright-core from npm (e2e/browser, installed from its lock file),
 * which drives that Chromium: no browser is downloaded. Says exactly what to install otherwise.
 */
final class Browser {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private Browser() {
    }

    /** The folder of the Playwright script, its packages installed. */
    static Path ready(Path checkout) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            if (Files.isExecutable(Path.of("/usr/bin/apt-get")) && "root".equals(System.getProperty("user.name"))) {
                System.out.println("The browser test needs Chromium: apt-get install chromium");
                if (run(checkout, List.of("apt-get", "install", "-y", "-q", "chromium")) != 0) {
                    run(checkout, List.of("apt-get", "update", "-q"));
                    run(checkout, List.of("apt-get", "install", "-y", "-q", "chromium"));
                }
            }
            if (!Files.isExecutable(CHROMIUM)) {
                fail("the browser test needs Chromium at " + CHROMIUM + ": install Debian's package (sudo apt-get install "
                        + "chromium) or set CHROMIUM to a Chromium binary");
            }
        }
        Path script = checkout.resolve("e2e/browser");
        if (!Files.isDirectory(script.resolve("node_modules/playwright-core"))) {
            int exit;
            try {
                exit = run(script, List.of("npm", "ci", "--no-audit", "--no-fund"));
            } catch (IOException noNpm) {
                exit = -1;
            }
            if (exit != 0) {
                fail("the browser test needs Node.js and npm (Debian: sudo apt-get install nodejs npm) to install "
                        + "playwright-core into e2e/browser (npm ci there)");
            }
        }
        return script;
    }

    /** Starts the dashboard script; it answers "ready" once its Chromium is up, then waits for a run id. */
    static Process start(Path script, String baseUrl, String pipeline, Path screenshots) throws IOException {
        return new ProcessBuilder("node", "dashboard.mjs", baseUrl, pipeline, screenshots.toString())
                .directory(script.toFile()).redirectErrorStream(true).start();
    }

    /** Reads the script's output up to its "ready" line, or fails with what it said. */
    static BufferedReader awaitReady(Process browser) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("ready")) {
                return out;
            }
            said.append(line).append('\n');
        }
        fail("the browser did not start: " + said);
        return out;
    }

    /**
     * Runs a set-up command with its output copied to this JVM's System.out. Not inheritIO: in a
     * Surefire fork, stdin is Surefire's command channel and stdout its report stream, and a child
     * reading the one (dpkg does) or writing the other corrupts the fork.
     */
    private static int run(Path folder, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(System.out::println);
        }
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        return process.exitValue();
    }
}
