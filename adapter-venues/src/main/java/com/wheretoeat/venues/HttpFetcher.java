package com.wheretoeat.venues;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One provider's calls over the JDK's HTTP client, each bounded: a deadline for the whole exchange,
 * a body read up to a byte limit, and any answer but 2xx a {@link ProviderException} with its
 * status. Requests carry an identifying {@code User-Agent}. Failures never quote a request header,
 * so a key sent in one stays out of messages and logs.
 */
public final class HttpFetcher {
    /** Far more than a page of places; a longer answer is a fault, not something to buffer. */
    public static final long DEFAULT_MAX_BODY = 2L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final HttpClient client;
    private final String userAgent;
    private final Duration timeout;
    private final long maxBody;

    public HttpFetcher(String provider, UserAgent userAgent, Duration timeout) {
        this(provider, userAgent, timeout, DEFAULT_MAX_BODY);
    }

    public HttpFetcher(String provider, UserAgent userAgent, Duration timeout, long maxBody) {
        if (timeout.isNegative() || timeout.isZero() || maxBody < 1) {
            throw new IllegalArgumentException("The timeout and the body limit must be positive.");
        }
        this.provider = provider;
        this.userAgent = userAgent.toString();
        this.timeout = timeout;
        this.maxBody = maxBody;
        // No redirects: one could carry an Authorization header to another host.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The body of a 2xx answer to {@code request}, within the timeout and the byte limit. */
    public CompletableFuture<byte[]> fetch(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(timeout).header("User-Agent", userAgent)
                .header("Accept", "application/json").build();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(built, limitedTo2xx());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(ProviderException.failed(provider, "could not be asked.", e));
        }
        CompletableFuture<byte[]> answer = sent.thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw ProviderException.status(provider, response.statusCode());
            }
            return response.body();
        });
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((body, error) -> {
            if (error == null) {
                return body;
            }
            sent.cancel(true); // drops the exchange if it is still under way
            throw translate(unwrap(error));
        });
    }

    /** Like {@link #fetch}, read as JSON. */
    public CompletableFuture<JsonNode> fetchJson(HttpRequest.Builder request) {
        return fetch(request).thenApply(body -> {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw ProviderException.failed(provider, "answered with something that is not JSON.", e);
            }
        });
    }

    public String provider() {
        return provider;
    }

    public Duration timeout() {
        return timeout;
    }

    private BodyHandler<byte[]> limitedTo2xx() {
        return info -> info.statusCode() / 100 == 2
                ? new LimitedBody(maxBody, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : BodySubscribers.replacing(null);
    }

    private ProviderException translate(Throwable cause) {
        if (cause instanceof ProviderException known) {
            return known;
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return ProviderException.failed(provider, "did not answer within " + timeout.toMillis() + " ms.", cause);
        }
        if (cause instanceof LimitedBody.TooLarge) {
            return ProviderException.failed(provider, "answered with more than " + maxBody + " bytes.", cause);
        }
        if (cause instanceof JacksonException) {
            return ProviderException.failed(provider, "answered with something that is not JSON.", cause);
        }
        // The class names what happened; a JDK message could quote more than we want in a log.
        return ProviderException.failed(provider, "could not be reached (" + cause.getClass().getSimpleName() + ").", cause);
    }

    /** The failure inside a stage's wrapping. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
