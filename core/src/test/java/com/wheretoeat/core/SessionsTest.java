package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.SessionId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aStartedSessionCanBeResumedByItsToken() {
        SessionId session = result(lunch.app.startSession());

        assertThat(result(lunch.app.resumeSession(session.value()))).contains(session);
    }

    @Test
    void aMalformedOrUnknownTokenResumesNothing() {
        assertThat(result(lunch.app.resumeSession(null))).isEmpty();
        assertThat(result(lunch.app.resumeSession("short"))).isEmpty();
        assertThat(result(lunch.app.resumeSession("<script>alert(1)</script>-padding-padding"))).isEmpty();
        assertThat(result(lunch.app.resumeSession("a".repeat(10_000)))).isEmpty();
        assertThat(result(lunch.app.resumeSession("well-formed-but-never-issued-0001"))).isEmpty();
    }

    @Test
    void aSessionNobodyComesBackWithLivesOnlyAsLongAsAMember() {
        SessionId session = result(lunch.app.startSession());

        lunch.laterBy(Duration.ofHours(4));

        assertThat(result(lunch.app.resumeSession(session.value()))).isEmpty();
    }

    @Test
    void aSessionThatCameBackLivesThirtyDaysFromItsLastUse() {
        SessionId session = result(lunch.app.startSession());
        lunch.laterBy(Duration.ofHours(1));
        assertThat(result(lunch.app.resumeSession(session.value()))).contains(session);
        lunch.laterBy(Duration.ofDays(29));
        assertThat(result(lunch.app.resumeSession(session.value()))).contains(session);

        lunch.laterBy(Duration.ofDays(30));

        assertThat(result(lunch.app.resumeSession(session.value()))).isEmpty();
    }

    @Test
    void aSessionTokenNeverAppearsInItsPrintedForm() {
        SessionId session = result(lunch.app.startSession());

        assertThat(session.toString()).doesNotContain(session.value());
        assertThat(session.value()).hasSizeGreaterThanOrEqualTo(43);
    }
}
