package com.wheretoeat.core.error;

/** The session is not a member of the area it tried to act in. */
public final class NotJoinedException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    public NotJoinedException() {
        super(ErrorCode.NOT_JOINED, "Please join the area with a name first.");
    }
}
