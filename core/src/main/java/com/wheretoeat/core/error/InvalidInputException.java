package com.wheretoeat.core.error;

/** Input that breaks a rule of its value; {@link #field()} names what was wrong. */
public final class InvalidInputException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(ErrorCode.BAD_REQUEST, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
