package com.wheretoeat.core.error;

/** The latest decision is no tie, or its tie was broken already. */
public final class NoTieException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    public NoTieException(String message) {
        super(ErrorCode.NO_TIE, message);
    }
}
