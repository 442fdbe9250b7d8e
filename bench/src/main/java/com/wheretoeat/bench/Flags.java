package com.wheretoeat.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's {@code --name=value} arguments: each taken once, and none left unknown. */
final class Flags {
    private final Map<String, String> given = new HashMap<>();

    Flags(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }

    /** The value of {@code --name}, or null; taken, so {@link #checkNoneLeft} does not count it. */
    String take(String name) {
        return given.remove(name);
    }

    /** A value that must be set and not blank. */
    String required(String name) {
        String value = take(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int positive(String name, int fallback) {
        String value = take(name);
        int n = value == null ? fallback : Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("expected a positive number, got " + value);
        }
        return n;
    }

    void checkNoneLeft() {
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown settings: " + given.keySet());
        }
    }
}
