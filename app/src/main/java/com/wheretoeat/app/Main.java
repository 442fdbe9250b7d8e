package com.wheretoeat.app;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Runs Where to Eat from the command line: {@code java -jar where-to-eat.jar [--help]}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv()));
    }

    /** The version the jar was built as (its manifest says), or that this is not a built jar. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build, not from the jar)" : version;
    }

    /** Runs the app until it receives SIGTERM or SIGINT; answers the exit status. */
    static int run(List<String> args, Map<String, String> environment) {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(Help.text());
            return 0;
        }
        if (args.contains("--version")) {
            System.out.println("where-to-eat " + version());
            return 0;
        }
        if (!args.isEmpty()) {
            System.err.println("where-to-eat: unknown argument " + args.get(0) + " (try --help; settings come from the environment)");
            return 2;
        }
        Settings settings;
        try {
            settings = Settings.fromEnvironment(environment);
        } catch (ConfigException e) {
            System.err.println("where-to-eat: " + e.getMessage());
            return 2;
        }
        Logging.configure(settings.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handling TERM and INT ourselves (instead of a shutdown hook) lets a requested stop end
        // with status 0 after an orderly shutdown; the JVM's default would be 143. A second signal
        // means the orderly way takes too long.
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), received -> {
                if (stopRequested.getCount() == 0) {
                    log.warn("stopping at once on a second {}", received.getName());
                    Runtime.getRuntime().halt(1);
                }
                stopRequested.countDown();
            });
        }
        Application app;
        try {
            app = Application.start(settings);
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            log.error("could not start: {}", e.getMessage());
            log.debug("start failure", e);
            return 1;
        }
        if (stopRequested.getCount() == 0) {
            app.close();
            return 0;
        }
        log.info("ready in {} ms: open http://localhost:{}/ (live updates on /live, same port)",
                sinceJvmStart().toMillis(), app.httpPort());
        awaitUninterruptibly(stopRequested);
        log.info("stopping: finishing requests in flight, closing live connections");
        try {
            app.close();
        } catch (RuntimeException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
        log.info("stopped");
        return 0;
    }

    /** The JVM's own uptime: the process start time Linux reports is rounded to whole seconds. */
    private static Duration sinceJvmStart() {
        return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // Only a signal may stop the app.
            }
        }
    }
}
