package com.wheretoeat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.InvalidInputException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdTest {

    @Test
    void aRandomSessionHas256BitsInUrlSafeCharacters() {
        SessionId id = SessionId.random(new SecureRandom());

        assertThat(id.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theSameRandomSourceStateGivesTheSameIdSoTestsCanFixThem() {
        assertThat(SessionId.random(new SplittableRandom(7))).isEqualTo(SessionId.random(new SplittableRandom(7)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"too-short", "has spaces in it but is long enough", "semi;colon-is-not-allowed-here-ok",
            "ünïcödé-is-not-allowed-in-a-token"})
    void malformedTokensAreRejected(String token) {
        assertThatThrownBy(() -> new SessionId(token)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aTokenIsBoundedInLength() {
        assertThat(new SessionId("a".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> new SessionId("a".repeat(129))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void thePrintedFormHidesTheToken() {
        SessionId id = new SessionId("abcdefghijklmnopqrstuvwxyz0123");

        assertThat(id.toString()).isEqualTo("SessionId[…0123]");
    }
}
