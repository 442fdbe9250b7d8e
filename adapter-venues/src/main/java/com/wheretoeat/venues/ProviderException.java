package com.wheretoeat.venues;

import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.WhereToEatException;

/**
 * A place provider failed, refused or did not answer in time. {@link #status()} is the HTTP status
 * it answered with, or 0 when there was no answer; a 429, or a call this server held back to keep
 * within the provider's rate, has the code {@code rate-limited}. Messages name the provider and
 * what went wrong, never a key or a request header.
 */
public final class ProviderException extends WhereToEatException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final int status;

    public ProviderException(String provider, ErrorCode code, int status, String message, Throwable cause) {
        super(code, message, cause);
        this.provider = provider;
        this.status = status;
    }

    /** The provider answered {@code status}; 429 means it asks us to slow down. */
    public static ProviderException status(String provider, int status) {
        if (status == 429) {
            return new ProviderException(provider, ErrorCode.RATE_LIMITED, status,
                    provider + " asked us to slow down (HTTP 429).", null);
        }
        return new ProviderException(provider, ErrorCode.UNAVAILABLE, status,
                provider + " answered HTTP " + status + ".", null);
    }

    /** Something other than a status: no connection, no answer in time, an answer we cannot read. */
    public static ProviderException failed(String provider, String what, Throwable cause) {
        return new ProviderException(provider, ErrorCode.UNAVAILABLE, 0, provider + " " + what, cause);
    }

    public String provider() {
        return provider;
    }

    /** The HTTP status the provider answered with, or 0 when the call failed without one. */
    public int status() {
        return status;
    }

    public boolean isRateLimited() {
        return code() == ErrorCode.RATE_LIMITED;
    }
}
