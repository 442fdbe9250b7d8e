package com.wheretoeat.core.error;

/** Storage or another dependency failed or did not answer in time; trying again later may work. */
public final class UnavailableException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
