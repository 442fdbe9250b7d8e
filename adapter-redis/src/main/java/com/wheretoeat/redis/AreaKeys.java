package com.wheretoeat.redis;

import com.wheretoeat.core.model.AreaName;

/**
 * The Redis names of one area. The area name sits in a hash tag so the area lives in one cluster
 * slot; it is safe there because {@link AreaName} admits only {@code a-z 0-9 - _}. Everything a
 * person types (usernames, venues) goes into hash fields, sorted set members and values, never into
 * a key name.
 */
record AreaKeys(String meta, String members, String sessions, String votes, String log, String membersBySeq,
        String expiries, String names, String history, String channel, String places, String placesUntil, String centre) {

    static AreaKeys of(String prefix, AreaName area) {
        String base = prefix + ":area:{" + area.value() + "}:";
        return new AreaKeys(base + "meta", base + "members", base + "sessions", base + "votes", base + "log",
                base + "members-by-seq", base + "expiries", base + "names", base + "history", base + "events",
                base + "places", base + "places-until", base + "centre");
    }

    /** In the order the area scripts expect them as {@code KEYS}. */
    String[] asArray() {
        return new String[] {meta, members, sessions, votes, log, membersBySeq, expiries, names, history};
    }

    /** In the order the places scripts expect them as {@code KEYS}. */
    String[] placesArray() {
        return new String[] {places, placesUntil};
    }
}
