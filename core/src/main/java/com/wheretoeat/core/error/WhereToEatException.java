package com.wheretoeat.core.error;

/**
 * An expected failure a caller can act on: it carries a stable {@link ErrorCode}
 * and a sentence a person understands.
 */
public class WhereToEatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public WhereToEatException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public WhereToEatException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
