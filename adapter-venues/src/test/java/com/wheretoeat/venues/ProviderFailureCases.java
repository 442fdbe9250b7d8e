package com.wheretoeat.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.wheretoeat.core.contract.Await;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueQuery;
import com.wheretoeat.core.port.VenueSearch;
import com.wheretoeat.venues.StubServer.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How every provider fails: a refusal, an error, silence past the timeout, an answer that is not
 * JSON or is far too long, each a {@link ProviderException} soon and without the provider's key
 * in any message; and an empty answer is no places, not a failure.
 */
public abstract class ProviderFailureCases {
    /** Generous, as the first call of a fresh JVM is slow; only the test of silence waits it out. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private final StubServer stub = StubServer.start(request -> Answer.status(500));

    /** The provider under test, asking {@code stub} with {@link #TIMEOUT}. */
    protected abstract VenueSearch provider(URI stub, Duration timeout);

    /** A search this provider sends to the stub. */
    protected abstract VenueQuery query();

    /** The provider's documented answer of no places. */
    protected abstract String emptyAnswer();

    /** A secret the provider holds that must appear in no message, or null. */
    protected String secret() {
        return null;
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a429IsRateLimitedWithItsStatus() {
        ProviderException failure = failureAnswering(request -> Answer.status(429));

        assertThat(failure.isRateLimited()).isTrue();
        assertThat(failure.status()).isEqualTo(429);
    }

    @Test
    void a500FailsWithItsStatus() {
        ProviderException failure = failureAnswering(request -> Answer.status(500));

        assertThat(failure.isRateLimited()).isFalse();
        assertThat(failure.status()).isEqualTo(500);
    }

    @Test
    void anAnswerPastTheTimeoutFailsSoonAfterIt() {
        long start = System.nanoTime();
        ProviderException failure = failureAnswering(request -> Answer.json(emptyAnswer()).after(Duration.ofSeconds(20)),
                SHORT_TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(failure.getMessage()).contains("did not answer within 300 ms");
    }

    @Test
    void anAnswerThatIsNotJsonFails() {
        ProviderException failure = failureAnswering(request -> Answer.json("{\"elements\": [ {\"type\": \"node\", "));

        assertThat(failure.getMessage()).contains("not JSON");
    }

    @Test
    void anOversizedAnswerIsCutOffAndFails() {
        ProviderException failure = failureAnswering(request -> Answer.endless(3 * 1024 * 1024));

        assertThat(failure.getMessage()).contains("more than " + HttpFetcher.DEFAULT_MAX_BODY + " bytes");
    }

    @Test
    void anOversizedAnswerIsRefusedByItsDeclaredLength() {
        ProviderException failure = failureAnswering(request -> Answer.endless(3 * 1024 * 1024).withDeclaredLength());

        assertThat(failure.getMessage()).contains("more than " + HttpFetcher.DEFAULT_MAX_BODY + " bytes");
    }

    @Test
    void noProviderAtTheAddressFails() {
        URI closed = stub.uri();
        stub.close();

        Throwable failure = catchFailure(provider(closed, TIMEOUT).search(query()));

        assertThat(failure).isInstanceOf(ProviderException.class).hasMessageContaining("could not be reached");
        assertNoSecretIn(failure);
    }

    @Test
    void anEmptyAnswerIsNoPlaces() {
        stub.answer(request -> Answer.json(emptyAnswer()));

        List<Venue> found = Await.result(provider(stub.uri(), TIMEOUT).search(query()), Duration.ofSeconds(15));

        assertThat(found).isEmpty();
    }

    private ProviderException failureAnswering(Function<StubServer.Request, Answer> answer) {
        return failureAnswering(answer, TIMEOUT);
    }

    private ProviderException failureAnswering(Function<StubServer.Request, Answer> answer, Duration timeout) {
        stub.answer(answer);
        Throwable failure = catchFailure(provider(stub.uri(), timeout).search(query()));
        assertThat(stub.requests()).isNotEmpty();
        assertThat(failure).isInstanceOf(ProviderException.class);
        assertNoSecretIn(failure);
        return (ProviderException) failure;
    }

    private static Throwable catchFailure(CompletionStage<?> stage) {
        return catchThrowable(() -> Await.result(stage, Duration.ofSeconds(15)));
    }

    private void assertNoSecretIn(Throwable failure) {
        if (secret() == null) {
            return;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret());
            assertThat(t.toString()).doesNotContain(secret());
        }
    }
}
