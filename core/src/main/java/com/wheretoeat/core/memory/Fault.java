package com.wheretoeat.core.memory;

/** A failure an in-memory adapter can be told to act out, so outage paths can be tested without a real outage. */
public enum Fault {
    /** Works normally. */
    NONE,
    /** Every call fails at once, as when the store refuses connections. */
    DOWN,
    /** Every call waits, as when the store hangs; the calls are carried out, late, once the fault clears. */
    HUNG,
    /**
     * Every call is carried out but its answer never comes, as when the connection drops just after
     * the store applied a change: the caller cannot know whether it happened.
     */
    LOST_ANSWER
}
