package com.wheretoeat.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.NameKeysContract;
import com.wheretoeat.core.port.NameKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FoldedNameKeysTest extends NameKeysContract {
    @Override
    protected NameKeys newNameKeys() {
        return new FoldedNameKeys();
    }

    @ParameterizedTest
    @CsvSource({
        "Вen, Ben", "Нelen, Helen", "Кate, Kate", "Мax, Max", "Рaul, Paul", "Сleo, Cleo", "Хena, Xena",
        "Јo, Jo", "Іvo, Ivo", "Ѕam, Sam", "Еve, Eve", "Оla, Ola",
        "Αlex, Alex", "Εve, Eve", "Ζoe, Zoe", "Ηelen, Helen", "Ιvo, Ivo", "Κate, Kate", "Μax, Max",
        "Νick, Nick", "Οla, Ola", "Ρaul, Paul", "Τom, Tom", "Υves, Yves", "Χena, Xena",
        "jоhn, john", "mаrу, mary", "рeter, peter", "ѕаm, sam", "ԁаn, dan", "аlеx, alex"
    })
    void itsTableTakesCommonCyrillicAndGreekLookAlikesForTheLatinLetters(String lookAlike, String latin) {
        assertThat(keyOf(lookAlike)).isEqualTo(keyOf(latin));
    }

    @Test
    void aLookAlikeWithAMarkIsTheLatinLetterWithTheMark() {
        assertThat(keyOf("Zо\u0308e")).as("Cyrillic о with diaeresis").isEqualTo(keyOf("Zöe"));
        assertThat(keyOf("Аlёna")).isEqualTo(keyOf("Alëna"));
    }

    @Test
    void theDottedAndTheDotlessIFoldToOneLetter() {
        assertThat(keyOf("Iıan")).isEqualTo(keyOf("iian"));
    }

    @Test
    void formatCharactersThatShowAreNotIgnored() {
        assertThat(FoldedNameKeys.isDefaultIgnorable(0x0600)).as("Arabic number sign").isFalse();
        assertThat(FoldedNameKeys.isDefaultIgnorable(0x200B)).as("zero width space").isTrue();
        assertThat(FoldedNameKeys.isDefaultIgnorable(0xFE0F)).as("variation selector 16").isTrue();
        assertThat(FoldedNameKeys.isDefaultIgnorable('a')).isFalse();
    }
}
