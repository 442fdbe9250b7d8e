package com.wheretoeat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ann", "Zoë", "李雷", "Анна", "محمد", "O'Brien", "<b>Bob</b>", "bob:vote", "{bob}", "👩‍🍳 Chef", "a b"})
    void namesInAnyScriptAndHtmlCharactersAreData(String name) {
        assertThat(Username.of(name).value()).isEqualTo(name);
    }

    @Test
    void aNameIsTrimmedAndComposedSoOnePersonHasOneSpelling() {
        String decomposed = "Zoe\u0308";

        assertThat(Username.of("  " + decomposed + "\u00a0")).isEqualTo(Username.of("Zoë"));
    }

    @Test
    void aNameIsOneToThirtyTwoCharactersCountedAsPeopleSeeThem() {
        assertThat(Username.of("李".repeat(32)).value()).hasSize(32);
        assertThat(Username.of("🍕".repeat(32)).value().codePointCount(0, 64)).isEqualTo(32);
        assertThatThrownBy(() -> Username.of("a".repeat(33)))
                .isInstanceOf(InvalidInputException.class).hasMessage("The name must be at most 32 characters long.");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t\n"})
    void aMissingOrBlankNameIsRejected(String name) {
        assertThatThrownBy(() -> Username.of(name)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\u0000", "An\nn", "Ann\u0007", "\u202eevil", "Ann\u2066", "a\u200bb", "\ue000", "a\ud800b", "a\u2028b"})
    void controlInvisibleAndBidiCharactersAreRejected(String name) {
        assertThatThrownBy(() -> Username.of(name))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessageContaining("invisible or control characters");
    }
}
