package com.wheretoeat.core.error;

/** Another session holds the requested name in that area. */
public final class NameTakenException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String name) {
        super(ErrorCode.NAME_TAKEN, "The name \"" + name + "\" is already taken in this area. Please pick another.");
    }
}
