package com.wheretoeat.redis;

import com.wheretoeat.core.model.AreaName;

/**
 * The Redis names of one area. The area name sits in a hash tag so the area lives in one cluster
 * slot; it is safe there because {@link AreaName} admits only {@code a-z 0-9 - _}. Everything a
 * person types (usernames, venues) goes into hash fields and values, never into a key name.
 */
record AreaKeys(String meta, String members, String sessions, String votes, String log, String channel) {

    static AreaKeys of(String prefix, AreaName area) {
        String base = prefix + ":area:{" + area.value() + "}:";
        return new AreaKeys(base + "meta", base + "members", base + "sessions", base + "votes", base + "log",
                base + "events");
    }

    /** In the order the scripts expect them as {@code KEYS}. */
    String[] asArray() {
        return new String[] {meta, members, sessions, votes, log};
    }

    /** The area a channel name belongs to, or {@code null} when it is none of ours. */
    static AreaName areaOfChannel(String prefix, String channel) {
        String head = prefix + ":area:{";
        String tail = "}:events";
        if (!channel.startsWith(head) || !channel.endsWith(tail) || channel.length() <= head.length() + tail.length()) {
            return null;
        }
        try {
            return AreaName.of(channel.substring(head.length(), channel.length() - tail.length()));
        } catch (RuntimeException notAnArea) {
            return null;
        }
    }
}
