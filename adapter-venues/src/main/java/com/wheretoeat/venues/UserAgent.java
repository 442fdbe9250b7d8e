package com.wheretoeat.venues;

import java.util.regex.Pattern;

/**
 * How this server names itself to a provider: {@code WhereToEat/<version> (+<contact>)}. The
 * OpenStreetMap services ask for an identifying agent with a way to reach its operator, so a
 * deployment should give its contact (a URL or an e-mail address).
 */
public record UserAgent(String version, String contact) {
    public static final String PRODUCT = "WhereToEat";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+-]{1,40}");
    private static final Pattern CONTACT = Pattern.compile("[\\x21-\\x7E&&[^()]][\\x20-\\x7E&&[^()]]{0,199}");

    public UserAgent {
        if (version == null || !TOKEN.matcher(version).matches()) {
            throw new IllegalArgumentException("The user agent version must be 1 to 40 letters, digits or . _ + -.");
        }
        if (contact != null && !contact.isBlank() && !CONTACT.matcher(contact.strip()).matches()) {
            throw new IllegalArgumentException(
                    "The user agent contact must be up to 200 printable ASCII characters without parentheses.");
        }
        contact = contact == null || contact.isBlank() ? null : contact.strip();
    }

    /** This build's version (from the jar's manifest, else {@code dev}) with {@code contact}, which may be null. */
    public static UserAgent of(String contact) {
        String version = UserAgent.class.getPackage().getImplementationVersion();
        return new UserAgent(version == null || !TOKEN.matcher(version).matches() ? "dev" : version, contact);
    }

    /** The header's value. */
    @Override
    public String toString() {
        return contact == null ? PRODUCT + "/" + version : PRODUCT + "/" + version + " (+" + contact + ")";
    }
}
