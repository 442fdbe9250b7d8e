package com.wheretoeat.websocket;

import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.WhereToEatException;
import java.util.Arrays;

/** The server refused a request: its error reply's code, sentence and (for a bad request) the field at fault. */
public final class ErrorReplyException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    private final String wireCode;
    private final String field;

    public ErrorReplyException(String wireCode, String message, String field) {
        super(codeOf(wireCode), message);
        this.wireCode = wireCode;
        this.field = field;
    }

    /** The code exactly as the server sent it, also when this client does not know it. */
    public String wireCode() {
        return wireCode;
    }

    /** The field a {@code bad-request} names, or null. */
    public String field() {
        return field;
    }

    private static ErrorCode codeOf(String wire) {
        // A code newer than this client still fails the request; it is kept in wireCode().
        return Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(wire)).findFirst().orElse(ErrorCode.BAD_REQUEST);
    }
}
