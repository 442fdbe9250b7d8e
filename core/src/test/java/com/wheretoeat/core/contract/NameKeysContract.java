package com.wheretoeat.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.NameKeys;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The specification of {@link NameKeys}, run by every implementation: the names that any of them
 * must take for one, and the names it must keep apart. What only the confusable skeleton of UTS #39
 * catches is specified with that implementation, not here.
 */
public abstract class NameKeysContract {
    private NameKeys keys;

    protected abstract NameKeys newNameKeys();

    @BeforeEach
    void create() {
        keys = newNameKeys();
    }

    /** The key of {@code name}, through {@link Username} so that only names a member can hold are asked about. */
    protected final String keyOf(String name) {
        return keys.keyOf(Username.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ANN", "aNN"})
    void caseDoesNotMakeAnotherName(String name) {
        assertThat(keyOf(name)).isEqualTo(keyOf("Ann"));
    }

    @Test
    void aCyrillicCapitalThatLooksLatinDoesNotMakeAnotherName() {
        assertThat(keyOf("\u0410nn")).isEqualTo(keyOf("Ann"));
    }

    @Test
    void capitalsOfOtherScriptsThatLookLatinDoNotMakeAnotherName() {
        assertThat(keyOf("\u0422om")).as("Cyrillic Т").isEqualTo(keyOf("Tom"));
        assertThat(keyOf("\u0392ob")).as("Greek Β").isEqualTo(keyOf("Bob"));
    }

    @ParameterizedTest
    @CsvSource({
        "Вen, Ben", "Нelen, Helen", "Кate, Kate", "Мax, Max", "Рaul, Paul", "Сleo, Cleo", "Хena, Xena",
        "Јo, Jo", "Іvo, Ivo", "Ѕam, Sam", "Еve, Eve", "Оla, Ola",
        "Αlex, Alex", "Εve, Eve", "Ζoe, Zoe", "Ηelen, Helen", "Ιvo, Ivo", "Κate, Kate", "Μax, Max",
        "Νick, Nick", "Οla, Ola", "Ρaul, Paul", "Τom, Tom", "Υves, Yves", "Χena, Xena",
        "jоhn, john", "mаrу, mary", "рeter, peter", "ѕаm, sam", "ԁаn, dan", "аlеx, alex"
    })
    void commonCyrillicAndGreekLookAlikesAreTheLatinLetters(String lookAlike, String latin) {
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

    @ParameterizedTest
    @ValueSource(strings = {"Ann\u200D", "An\u200Cn", "Ann\u3164", "A\u034Fnn"})
    void invisibleCharactersThatANameMayHoldDoNotMakeAnotherName(String name) {
        assertThat(Username.of(name).value()).as("Username keeps it").isNotEqualTo("Ann");

        assertThat(keyOf(name)).isEqualTo(keyOf("Ann"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFF21\uFF4E\uFF4E", "\uD835\uDC00\uD835\uDC27\uD835\uDC27", "\uD835\uDD6C\uD835\uDD93\uD835\uDD93"})
    void fullwidthAndStyledLettersDoNotMakeAnotherName(String name) {
        assertThat(keyOf(name)).isEqualTo(keyOf("Ann"));
    }

    @Test
    void letterlikeSymbolsAreTheLettersTheyStyle() {
        assertThat(keyOf("\u210Celen")).isEqualTo(keyOf("Helen"));
        assertThat(keyOf("\u2168")).as("Roman numeral nine").isEqualTo(keyOf("IX"));
    }

    @Test
    void caseFoldsFullyAsUnicodeFoldsIt() {
        assertThat(keyOf("Straße")).isEqualTo(keyOf("STRASSE"));
        assertThat(keyOf("\u1E9Ee")).as("capital sharp s").isEqualTo(keyOf("sse"));
        assertThat(keyOf("ΟΔΟΣ")).as("final sigma").isEqualTo(keyOf("οδος"));
    }

    @Test
    void namesThatDifferByALetterStayApart() {
        assertThat(keyOf("Anna")).isNotEqualTo(keyOf("Ann"));
        assertThat(keyOf("Anne")).isNotEqualTo(keyOf("Ann"));
        assertThat(keyOf("Rob")).isNotEqualTo(keyOf("Bob"));
        assertThat(keyOf("Ann Lee")).isNotEqualTo(keyOf("AnnLee"));
    }

    @Test
    void namesInOtherScriptsKeepTheirKeysAndStayApart() {
        assertThat(keyOf("李雷")).isEqualTo(keyOf("李雷")).isNotBlank()
                .isNotEqualTo(keyOf("李磊")).isNotEqualTo(keyOf("Ann"));
        assertThat(keyOf("محمد")).isNotBlank().isNotEqualTo(keyOf("محمود"));
    }

    @Test
    void marksThatPeopleSeeKeepNamesApart() {
        assertThat(keyOf("Zoë")).isNotEqualTo(keyOf("Zoe")).isNotEqualTo(keyOf("李雷"));
        assertThat(keyOf("Zoë")).isEqualTo(keyOf("ZOË")).isEqualTo(keyOf("Zoe\u0308"));
    }

    @Test
    void aCyrillicNameFoldsItsCaseAndStaysApartFromLatinLetters() {
        assertThat(keyOf("Анна")).isEqualTo(keyOf("АННА")).isEqualTo(keyOf("анна"))
                .isNotEqualTo(keyOf("Anna"));
    }

    @Test
    void aNameHasOneKeyEveryTimeAndInEveryInstance() {
        NameKeys other = newNameKeys();

        for (String name : List.of("Ann", "Zoë", "李雷", "Анна", "👩‍🍳 Chef")) {
            assertThat(keyOf(name)).as(name).isEqualTo(keyOf(name)).isEqualTo(other.keyOf(Username.of(name)));
        }
    }

    @Test
    void keysAreTheSameWhenManyThreadsAskAtOnce() throws Exception {
        List<String> names = List.of("Ann", "\u0410nn", "Zoë", "李雷", "Straße", "\uFF21\uFF4E\uFF4E", "Анна", "Βob");
        List<String> expected = names.stream().map(this::keyOf).collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = IntStream.range(0, 32)
                    .mapToObj(i -> pool.submit(() -> names.stream().map(this::keyOf).collect(Collectors.toList())))
                    .collect(Collectors.toList());
            for (Future<List<String>> run : runs) {
                assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
