package com.wheretoeat.http;

import com.wheretoeat.core.error.InvalidInputException;

/**
 * The {@code after} of a page of members, as the JSON API and the area page take it from the query:
 * the {@code seq} of the last member already shown, a whole number of 0 or more in plain digits.
 */
final class MemberCursor {
    private MemberCursor() {}

    /** {@code raw} as a member's seq; a {@code bad-request} for anything else (a sign, a letter, a number too large). */
    static long parse(String raw) {
        if (raw.length() <= 18 && !raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(raw);
        }
        throw new InvalidInputException("after", "The after must be a whole number of 0 or more: the last member's seq.");
    }
}
