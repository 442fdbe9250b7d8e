package com.wheretoeat.names;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.NameKeys;
import java.util.Objects;

/**
 * Name keys on ICU4J: Unicode's confusable skeleton (UTS #39, {@link SpoofChecker#getSkeleton})
 * with case folded, so that names which look the same up to case share a key. The key of a
 * name {@code x} is
 *
 * <pre>
 *   fold(skeleton(fold(skeleton(upper(fold(x))))))
 * </pre>
 *
 * where {@code fold} is ICU's NFKC_Casefold (NFKC, full case folding, default-ignorable code
 * points removed), {@code upper} is full upper-casing in the root locale, and {@code skeleton} is
 * {@code SpoofChecker.getSkeleton} (NFD, default-ignorables removed, each character replaced by
 * its prototype from confusables.txt, NFD again).
 *
 * <p>Why two passes: skeletons are case-sensitive, and a letter's capital and small form often
 * look like different things. Folding first and taking one skeleton ({@code skeleton(fold(x))})
 * misses every capital of another script whose small form looks unlike the Latin one: "Тom",
 * "Вob", "Нelen", "Мax" (Cyrillic) and "Βob", "Νick", "Ηelen" (Greek) would each get a key of
 * their own, though a person reads them as "Tom", "Bob"... The first pass takes the skeleton of
 * the capitals, which catches those; the second takes the skeleton of the small letters, which
 * catches what only small letters confuse ("rn" and "m", Cyrillic а, о, р, с, у).
 *
 * <p>The price, and what it misses:
 * <ul>
 *   <li>capital I is confusable with small l, so after case folding small i and l share a key
 *       ("Ian", "ian" and "lan" are one name), and a few letters of other scripts meet through
 *       a look-alike of their capital (Cyrillic в and ь, г and у; Greek γ and υ);
 *   <li>a small letter whose capital looks like another Latin letter than it does is taken for
 *       what its capital looks like: Greek ν, υ and σ, Cyrillic г and б inside a Latin name
 *       ("Daνe") are not caught;
 *   <li>skeletons know single characters and their sequences, not fonts: letters that look
 *       alike only in some typefaces, and whole words of one script that look like another's
 *       without sharing prototypes, keep different keys.
 * </ul>
 *
 * <p>Keys depend on ICU's Unicode data ({@link #unicodeVersion()}): a new ICU may change some.
 * Thread-safe: a {@link SpoofChecker} is immutable once built and its checks may be called from
 * many threads at once; the normalizers are ICU's shared, immutable instances. Build one and
 * share it; building loads the confusables data.
 */
public final class IcuNameKeys implements NameKeys {
    private final SpoofChecker checker = new SpoofChecker.Builder().build();
    private final Normalizer2 fold = Normalizer2.getNFKCCasefoldInstance();

    @Override
    public String keyOf(Username name) {
        Objects.requireNonNull(name, "name");
        String capitals = UCharacter.toUpperCase(ULocale.ROOT, fold.normalize(name.value()));
        String smallLetters = fold.normalize(checker.getSkeleton(capitals));
        return fold.normalize(checker.getSkeleton(smallLetters));
    }

    /** ICU's version and that of its Unicode data: a new ICU may change some keys. */
    @Override
    public String dataVersion() {
        return "icu-" + VersionInfo.ICU_VERSION + "-unicode-" + unicodeVersion();
    }

    /** The version of the Unicode data the keys come from, such as "17.0". */
    public static String unicodeVersion() {
        return UCharacter.getUnicodeVersion().getMajor() + "." + UCharacter.getUnicodeVersion().getMinor();
    }
}
