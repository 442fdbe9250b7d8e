package com.wheretoeat.core;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.SessionId;

/**
 * Decides when a member leaves because its connections went away, so that every transport
 * answers that question alike. A transport only reports what its connections do.
 *
 * <p>The rule: a member leaves when the last connection of its session in the area on this node
 * went away and none came back within a grace period (a reload, a network change, a reconnect
 * to another node), unless the member was active since (on another node, say), and never while
 * this node is stopping (its clients resume elsewhere and the member stays).
 */
public interface Presence {

    /** A connection of {@code session} is now in {@code area}: its join or resume succeeded. */
    void attached(SessionId session, AreaName area);

    /** That connection is no longer in {@code area}: it closed, or moved to another area. */
    void detached(SessionId session, AreaName area);

    /** This node is stopping: from now on nobody leaves because their connections close. */
    void stopping();
}
