package com.wheretoeat.core.contract;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The specification of {@link Sessions}, run by every adapter of the port. */
public abstract class SessionsContract {
    private static final Duration LIFETIME = Duration.ofDays(30);

    private Sessions sessions;
    private Instant now;

    protected abstract Sessions newSessions();

    protected void closeSessions(Sessions sessions) {}

    @BeforeEach
    void open() {
        sessions = newSessions();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterEach
    void close() {
        closeSessions(sessions);
    }

    @Test
    void aNewSessionIsLive() {
        SessionId session = result(sessions.create(now, LIFETIME));

        assertThat(result(sessions.touch(session, now.plusSeconds(1), LIFETIME))).isTrue();
    }

    @Test
    void everyNewSessionHasItsOwnId() {
        Set<SessionId> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(result(sessions.create(now, LIFETIME)));
        }

        assertThat(ids).hasSize(100);
    }

    @Test
    void anUnknownSessionIsNotLive() {
        assertThat(result(sessions.touch(Sample.session(), now, LIFETIME))).isFalse();
    }

    @Test
    void aSessionExpiresAfterItsLifetimeUnused() {
        SessionId session = result(sessions.create(now, LIFETIME));

        assertThat(result(sessions.touch(session, now.plus(LIFETIME), LIFETIME))).isFalse();
        assertThat(result(sessions.touch(session, now, LIFETIME))).as("an expired session stays gone").isFalse();
    }

    @Test
    void usingASessionExtendsItsLife() {
        SessionId session = result(sessions.create(now, LIFETIME));
        Instant used = now.plus(Duration.ofDays(20));
        assertThat(result(sessions.touch(session, used, LIFETIME))).isTrue();

        assertThat(result(sessions.touch(session, now.plus(Duration.ofDays(45)), LIFETIME))).isTrue();
    }

    @Test
    void anEndedSessionIsNotLive() {
        SessionId session = result(sessions.create(now, LIFETIME));

        result(sessions.end(session));
        result(sessions.end(session));

        assertThat(result(sessions.touch(session, now, LIFETIME))).isFalse();
    }
}
