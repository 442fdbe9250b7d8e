package com.wheretoeat.core.model;

import java.util.List;

/** What a listener that fell behind needs: the events it missed, or a fresh snapshot when they are gone. */
public sealed interface CatchUp {
    /** The missed events, oldest first; empty when nothing was missed. */
    record Replay(List<AreaEvent> events) implements CatchUp {
        public Replay {
            events = List.copyOf(events);
        }
    }

    /** Too much was missed to replay: start again from this snapshot. */
    record Reset(AreaSnapshot snapshot) implements CatchUp {}
}
