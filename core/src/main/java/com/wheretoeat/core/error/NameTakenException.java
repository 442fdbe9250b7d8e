package com.wheretoeat.core.error;

/** Another session holds the requested name in that area, or one that looks the same. */
public final class NameTakenException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    private final String holder;

    public NameTakenException(String name) {
        this(name, name);
    }

    /** {@code name} was asked for; {@code holder} is the name of the member it clashes with. */
    public NameTakenException(String name, String holder) {
        super(ErrorCode.NAME_TAKEN, name.equals(holder)
                ? "The name \"" + name + "\" is already taken in this area. Please pick another."
                : "The name \"" + name + "\" looks the same as \"" + holder + "\", who is already in this area. "
                        + "Please pick another.");
        this.holder = holder;
    }

    /** The name of the member holding the name, as they typed it. */
    public String holder() {
        return holder;
    }
}
