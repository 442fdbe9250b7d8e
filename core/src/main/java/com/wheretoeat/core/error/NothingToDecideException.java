package com.wheretoeat.core.error;

/** The round has no votes, so there is nothing to decide yet. */
public final class NothingToDecideException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    public NothingToDecideException() {
        super(ErrorCode.NOTHING_TO_DECIDE, "Nobody has voted in this round yet, so there is nothing to decide.");
    }
}
