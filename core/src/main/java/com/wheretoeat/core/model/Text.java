package com.wheretoeat.core.model;

import com.wheretoeat.core.error.InvalidInputException;
import java.text.Normalizer;

/** The shared rules for text a person types: normalized, bounded, printable. */
final class Text {
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Text() {}

    /**
     * Trims and NFC-normalizes {@code raw}, then checks it holds {@code 1..max} code points
     * that a person can see. Returns the normalized text.
     */
    static String displayable(String field, String raw, int max) {
        if (raw == null) {
            throw new InvalidInputException(field, "The " + field + " is missing.");
        }
        String text = stripSpaces(Normalizer.normalize(raw, Normalizer.Form.NFC));
        int length = text.codePointCount(0, text.length());
        if (length == 0) {
            throw new InvalidInputException(field, "The " + field + " must not be empty.");
        }
        if (length > max) {
            throw new InvalidInputException(field, "The " + field + " must be at most " + max + " characters long.");
        }
        text.codePoints().forEach(cp -> {
            if (!printable(cp)) {
                throw new InvalidInputException(field, String.format(
                        "The %s must not contain invisible or control characters (found U+%04X).", field, cp));
            }
        });
        return text;
    }

    /**
     * Strips every kind of space at both ends, no-break spaces included, which {@code String.strip()}
     * keeps: "Ann" and "Ann\u00a0" must not be two names.
     */
    private static String stripSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Like {@link #displayable} but {@code null} or blank means absent and yields {@code null}. */
    static String optionalDisplayable(String field, String raw, int max) {
        return raw == null || raw.isBlank() ? null : displayable(field, raw, max);
    }

    /**
     * Letters of every script, marks, digits, punctuation, symbols and plain spaces are printable.
     * Control, format (bidi overrides hide what a name says), private-use, unassigned and lone
     * surrogate code points are not; the joiners that emoji and some scripts need are allowed.
     */
    private static boolean printable(int cp) {
        if (cp == ZERO_WIDTH_JOINER || cp == ZERO_WIDTH_NON_JOINER) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
