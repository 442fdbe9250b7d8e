package com.wheretoeat.core.port;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Delivery of every area's events to the listeners of this node, whichever node made them,
 * and a short memory of recent events for listeners that fell behind.
 *
 * <p>A listener receives one area's events in sequence order, on a thread it must not block, and
 * only once the change an event announces is applied: a listener that reads the area on hearing of
 * an event sees that change (or a later state). When it hears of an event relative to the moment the
 * change's own stage completes is not pinned: before or after, consumers take both alike (the
 * core's {@code follow} orders them by sequence number).
 */
public interface AreaEvents {

    /** Starts delivering {@code area}'s events to {@code listener}; completes once delivery is in place. */
    CompletionStage<Subscription> subscribe(AreaName area, AreaListener listener);

    /**
     * The events of {@code area} after sequence number {@code afterSeq}, oldest first; empty when they
     * cannot all be given, because they are older than what is kept or {@code afterSeq} is beyond
     * the area's latest event (the area was forgotten and started again).
     */
    CompletionStage<Optional<List<AreaEvent>>> since(AreaName area, long afterSeq);
}
