package com.wheretoeat.core.port;

import com.wheretoeat.core.model.AreaEvent;

/** Receives an area's events. Called on a delivery thread: return quickly and never block. */
@FunctionalInterface
public interface AreaListener {

    void onEvent(AreaEvent event);

    /**
     * Delivery was interrupted (for example the connection to the broker dropped) and is back;
     * events may have been missed meanwhile, so catch up from the last sequence number seen.
     */
    default void onResumed() {}
}
