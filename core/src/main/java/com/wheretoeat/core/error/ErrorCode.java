package com.wheretoeat.core.error;

/** The stable codes of expected failures, shared by every adapter and client. */
public enum ErrorCode {
    BAD_REQUEST("bad-request"),
    NOT_JOINED("not-joined"),
    NAME_TAKEN("name-taken"),
    UNAVAILABLE("unavailable"),
    RATE_LIMITED("rate-limited"),
    TOO_LARGE("too-large"),
    NOTHING_TO_DECIDE("nothing-to-decide"),
    NO_TIE("no-tie");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The code as it appears on the wire, for example {@code name-taken}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
