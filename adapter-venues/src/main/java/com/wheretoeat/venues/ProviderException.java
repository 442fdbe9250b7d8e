package com.wheretoeat.venues;

/**
 * A place provider failed, refused or did not answer in time. {@link #status()} is the HTTP status
 * it answered with, or 0 when there was no answer; {@link #isRateLimited()} tells a 429, or a call
 * this server held back to keep within the provider's rate, from other failures. Not a user's
 * error, so it carries no error code of its own: the core reports it as {@code unavailable} and
 * answers from its fallback. Messages name the provider and what went wrong, never a key or a
 * request header.
 */
public final class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int status;
    private final boolean rateLimited;

    public ProviderException(String provider, int status, boolean rateLimited, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.status = status;
        this.rateLimited = rateLimited;
    }

    /** The provider answered {@code status}; 429 means it asks us to slow down. */
    public static ProviderException status(String provider, int status) {
        if (status == 429) {
            return new ProviderException(provider, status, true, provider + " asked us to slow down (HTTP 429).", null);
        }
        return new ProviderException(provider, status, false, provider + " answered HTTP " + status + ".", null);
    }

    /** Something other than a status: no connection, no answer in time, an answer we cannot read. */
    public static ProviderException failed(String provider, String what, Throwable cause) {
        return new ProviderException(provider, 0, false, provider + " " + what, cause);
    }

    public String provider() {
        return provider;
    }

    /** The HTTP status the provider answered with, or 0 when the call failed without one. */
    public int status() {
        return status;
    }

    /** The provider said 429, or this server held the call back to keep to the provider's rate. */
    public boolean isRateLimited() {
        return rateLimited;
    }
}
