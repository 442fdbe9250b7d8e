package com.wheretoeat.core.port;

import java.security.SecureRandom;

/**
 * Where the draw that breaks a tie comes from: the core's only source of chance, so tests draw
 * what they choose. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Draw {

    /** Any number; the draw takes it modulo the number of tied places. */
    long next();

    /** Draws from the JDK's {@link SecureRandom}, so nobody can tell the next draw from the last. */
    static Draw secure() {
        SecureRandom random = new SecureRandom();
        return random::nextLong;
    }
}
