package com.wheretoeat.core.error;

/** A client asked for something more often than its limit allows; nothing was done. */
public final class RateLimitedException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(String message) {
        super(ErrorCode.RATE_LIMITED, message);
    }
}
