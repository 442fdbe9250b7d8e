package com.wheretoeat.app;

/**
 * Sets up SLF4J's simple binding: one line per event, with time, level and logger. The core logs
 * through {@code System.Logger}, which the slf4j-jdk-platform-logging bridge sends here as well.
 */
final class Logging {
    private Logging() {}

    /** Must run before the first logger is made, because the binding reads these once. */
    static void configure(String level) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        // Netty and Lettuce are chatty below warn; their info lines say nothing an operator needs.
        setIfAbsent("org.slf4j.simpleLogger.log.io.netty", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.lettuce", "warn");
        // Java-WebSocket logs a fatal server error with its stack trace; the adapter reports the
        // same failure in one line, so the library's own copy only repeats it.
        setIfAbsent("org.slf4j.simpleLogger.log.org.java_websocket", "off");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
