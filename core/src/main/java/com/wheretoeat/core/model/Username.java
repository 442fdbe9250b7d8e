package com.wheretoeat.core.model;

/**
 * The name a person goes by in an area: 1 to 32 visible characters of any script after
 * trimming and NFC normalization. HTML characters are data here; escaping is the adapters' job.
 */
public record Username(String value) implements Comparable<Username> {
    public static final int MAX_LENGTH = 32;

    public Username {
        value = Text.displayable("name", value, MAX_LENGTH);
    }

    public static Username of(String value) {
        return new Username(value);
    }

    @Override
    public int compareTo(Username other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
