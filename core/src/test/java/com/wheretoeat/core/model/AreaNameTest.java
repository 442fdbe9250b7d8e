package com.wheretoeat.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AreaNameTest {

    @Test
    void anAreaNameIsTrimmedAndLowerCased() {
        assertThat(AreaName.of("  Office-3F ").value()).isEqualTo("office-3f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "office-3f", "team_lunch", "2nd-floor", "x123456789012345678901234567890123456789012345678901234567890123"})
    void safeNamesAreAccepted(String name) {
        assertThat(AreaName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "office 3f", "-office", "_office", "office/3f", "../etc", "office.3f", "café", "<script>",
            "office%20", "a:b", "{area}", "🍕"})
    void anythingElseIsRejectedNotRewritten(String name) {
        assertThatThrownBy(() -> AreaName.of(name))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.field()).isEqualTo("area");
                });
    }

    @Test
    void anAreaNameIsAtMostSixtyFourCharacters() {
        assertThat(AreaName.of("a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> AreaName.of("a".repeat(65)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 64");
    }
}
