package com.wheretoeat.app;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How many live connections the node holds at most: {@code MAX_CONNECTIONS} when set, otherwise
 * what the process's file-descriptor limit allows once room is kept for everything else (files,
 * Redis, HTTP requests, accepting): the limit less a tenth of it, and at least 256. Each live
 * connection holds one descriptor; past the limit a node could not even accept a page request.
 */
final class ConnectionLimit {
    /** Descriptors kept for other uses, at the least. */
    static final long MIN_HEADROOM = 256;
    /** Below this the default would turn a few offices away: worth a warning at start. */
    static final int LOW = 1_000;
    /** Where the file-descriptor limit cannot be read (not a Unix). */
    static final int FALLBACK = 10_000;

    /** The limit in force, and the warning to log at start when it came out low. */
    record Resolved(int maxConnections, String source, Optional<String> warning) {}

    private ConnectionLimit() {}

    /** The default for a process that may hold {@code fileDescriptors} open at once. */
    static int fromFileDescriptors(long fileDescriptors) {
        long headroom = Math.max(MIN_HEADROOM, fileDescriptors / 10);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fileDescriptors - headroom));
    }

    static Resolved resolve(OptionalInt configured, OptionalLong fileDescriptors) {
        if (configured.isPresent()) {
            return new Resolved(configured.getAsInt(), "MAX_CONNECTIONS", Optional.empty());
        }
        if (fileDescriptors.isEmpty()) {
            return new Resolved(FALLBACK, "the default (the file-descriptor limit is unknown here)", Optional.empty());
        }
        int derived = fromFileDescriptors(fileDescriptors.getAsLong());
        String source = "the file-descriptor limit of " + fileDescriptors.getAsLong();
        Optional<String> warning = derived < LOW
                ? Optional.of("The file-descriptor limit (" + fileDescriptors.getAsLong() + ") leaves room for only " + derived
                        + " live connections. Raise it (ulimit -n, LimitNOFILE=) or set MAX_CONNECTIONS.")
                : Optional.empty();
        return new Resolved(derived, source, warning);
    }

    /** The process's limit of open files (the soft limit, as the JVM set it), where the platform tells. */
    static OptionalLong fileDescriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return OptionalLong.of(unix.getMaxFileDescriptorCount());
        }
        return OptionalLong.empty();
    }
}
