package com.wheretoeat.redis;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports stored entries the adapter skipped because they could not be read: one WARNING per key
 * and field on this node, so a damaged entry read on every snapshot does not flood the log. The
 * memory of what was reported is bounded; past the bound the oldest is forgotten (and could be
 * reported again).
 */
final class Damage {
    static final int REMEMBERED = 10_000;
    private static final System.Logger LOG = System.getLogger(Damage.class.getName());
    private static final Set<String> REPORTED = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    private Damage() {}

    static void skipped(String key, String field, String why) {
        if (REPORTED.add(key + '\n' + field)) {
            LOG.log(Level.WARNING, "Skipped a damaged entry that cannot be read: key " + key + ", field " + field
                    + " (" + why + "); the next write for it repairs it");
        }
    }

    /** The names a script answered as damaged: {@code [key, field, key, field, ...]}. */
    static void skipped(List<?> keysAndFields) {
        for (int i = 0; i + 1 < keysAndFields.size(); i += 2) {
            skipped((String) keysAndFields.get(i), (String) keysAndFields.get(i + 1), "not in the stored format");
        }
    }
}
