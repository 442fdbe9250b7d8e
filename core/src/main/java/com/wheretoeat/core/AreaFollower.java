package com.wheretoeat.core;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;

/**
 * Follows one area without gaps, for {@link WhereToEat#follow}: first what was missed, then every
 * event in sequence order, each once. Calls never overlap and come in that order, on threads of
 * the core's choosing: return quickly and never block.
 */
public interface AreaFollower {

    /**
     * Called once, first: the events after the sequence number asked for (possibly none), or a
     * snapshot to start from when they cannot all be given. Live events follow it.
     */
    void onCaughtUp(CatchUp missed);

    /** The next event of the area: its {@code seq} is one more than the last one delivered or covered. */
    void onEvent(AreaEvent event);

    /**
     * Delivery was interrupted, or the area was forgotten and started again: replace what you hold
     * with {@code snapshot}. The events after it follow.
     */
    void onReset(AreaSnapshot snapshot);
}
