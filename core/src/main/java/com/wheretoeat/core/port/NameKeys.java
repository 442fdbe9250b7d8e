package com.wheretoeat.core.port;

import com.wheretoeat.core.model.Username;

/**
 * What makes two names one name in an area: two members may not hold names with equal keys.
 * Equal keys mean the names look the same to a person, up to case, compatibility forms (fullwidth,
 * mathematical and other styled letters), invisible characters and, as far as an implementation
 * knows them, letters of one script that look like letters of another ("Аnn" with a Cyrillic А).
 * A name is still shown as it was typed; a key is for comparing only, never shown, and is not a
 * spelling of the name.
 *
 * <p>Keys of one implementation, with one version of its Unicode data, are the same on every node
 * and every run, so a store may keep them; a store that keeps keys must compute them again when
 * it changes the implementation or its data. Implementations are thread-safe.
 */
@FunctionalInterface
public interface NameKeys {

    /** The key of {@code name}; equal for names that look the same, different for names people can tell apart. */
    String keyOf(Username name);

    /**
     * What the keys depend on beyond the implementation's class, such as the version of its Unicode
     * data: a store that keeps keys computes them again when this changes. Empty by default.
     */
    default String dataVersion() {
        return "";
    }
}
