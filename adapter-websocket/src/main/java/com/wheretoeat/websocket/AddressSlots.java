package com.wheretoeat.websocket;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many live connections each client address holds, against a limit per address. An address
 * whose count falls to zero is forgotten, so memory follows the connections, not the addresses
 * ever seen.
 */
final class AddressSlots {
    private final int perAddress;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    AddressSlots(int perAddress) {
        this.perAddress = perAddress;
    }

    /** Takes a slot for {@code address}; false, taking nothing, when it holds the limit already. */
    boolean tryAcquire(String address) {
        boolean[] taken = new boolean[1];
        held.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perAddress) {
                return now;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a slot {@link #tryAcquire} took. */
    void release(String address) {
        held.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** The slots {@code address} holds now. */
    int held(String address) {
        return held.getOrDefault(address, 0);
    }

    /** How many addresses hold a slot now. */
    int addresses() {
        return held.size();
    }
}
