package com.wheretoeat.core.port;

/** A listener's hold on an area's events; closing it stops delivery. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
