package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;
import java.util.Base64;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The secret token that identifies one browser or client: 22 to 128 URL-safe characters.
 * It is never shown to other people and {@link #toString()} does not print it.
 */
public record SessionId(String value) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final int RANDOM_BYTES = 32;

    public SessionId {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new InvalidInputException("session", "The session token is malformed.");
        }
    }

    /** A new token of 256 bits drawn from {@code source}, which should be a {@code SecureRandom}. */
    public static SessionId random(RandomGenerator source) {
        byte[] bytes = new byte[RANDOM_BYTES];
        source.nextBytes(bytes);
        return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Redacted, so that a token never lands in a log by accident. */
    @Override
    public String toString() {
        return "SessionId[…" + value.substring(value.length() - 4) + "]";
    }
}
