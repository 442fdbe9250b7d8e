package com.wheretoeat.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.NameKeysContract;
import com.wheretoeat.core.port.NameKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract, and what only the confusable skeleton of UTS #39 catches. */
class IcuNameKeysTest extends NameKeysContract {
    private static final IcuNameKeys KEYS = new IcuNameKeys();

    @Override
    protected NameKeys newNameKeys() {
        return KEYS;
    }

    @ParameterizedTest
    @CsvSource({"Torn, Tom", "barn, bam", "Kirn, Kim"})
    void lettersThatTogetherLookLikeAnotherAreThatLetter(String sequence, String letter) {
        assertThat(keyOf(sequence)).isEqualTo(keyOf(letter));
    }

    @ParameterizedTest
    @CsvSource({"b0b, bob", "B0B, Bob", "A1ex, Alex", "Ann|, Annl"})
    void digitsAndSymbolsThatLookLikeLettersAreThoseLetters(String lookAlike, String letters) {
        assertThat(keyOf(lookAlike)).isEqualTo(keyOf(letters));
    }

    @Test
    void capitalIAndSmallLAreOneLetterSoSmallIIsToo() {
        assertThat(keyOf("Ian")).isEqualTo(keyOf("lan")).isEqualTo(keyOf("ian"));
    }

    @ParameterizedTest
    @CsvSource({
        "\u0251nn, ann", // Latin small alpha
        "B\u0585b, Bob", // Armenian oh
        "\u13AAnn, Ann", // Cherokee go
        "\uA4F2an, Ian", // Lisu i
        "Ja\u0578e, Jane", // Armenian vo
        "\u0261ina, Gina", // Latin script g
    })
    void lookAlikesOfManyScriptsAreTheLatinLetters(String lookAlike, String latin) {
        assertThat(keyOf(lookAlike)).isEqualTo(keyOf(latin));
    }

    @Test
    void theKeysComeFromUnicode17Data() {
        assertThat(IcuNameKeys.unicodeVersion())
                .as("a new ICU may change keys: a store that keeps them must compute them again")
                .isEqualTo("17.0");
    }
}
