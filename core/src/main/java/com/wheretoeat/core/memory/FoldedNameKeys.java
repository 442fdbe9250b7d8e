package com.wheretoeat.core.memory;

import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.NameKeys;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Name keys on the JDK alone: an approximation of Unicode's confusable skeleton (UTS #39) that
 * catches what people most often mistake, and is honest about the rest. The key of a name is
 * built in four steps:
 *
 * <ol>
 *   <li>remove default-ignorable code points (zero-width joiners and spaces, soft hyphens,
 *       variation selectors, Hangul fillers, bidi and tag characters);
 *   <li>NFKC, so compatibility forms become plain letters ("Ａｎｎ", "𝐀𝐧𝐧", "ℌ" and "Ⅸ");
 *   <li>case folding as upper case then lower case in the root locale, repeated with the steps
 *       above until nothing changes, which gives full case folding's classes ("Straße" and
 *       "STRASSE", "ẞ", "ſ", final sigma, the dotted and the dotless i);
 *   <li>a short table of Cyrillic and Greek letters that look like Latin ones, applied to the
 *       base letters (so "ё" and "ë" meet too). A letter maps to the Latin letter its capital
 *       looks like ("Тom" and "Βob" with a Cyrillic Т and a Greek Β are "tom" and "bob"); letters
 *       whose capital looks like no Latin letter map to the Latin letter their small form looks
 *       like (Cyrillic г to r).
 * </ol>
 *
 * <p>What it does not catch, and {@code SpoofChecker}'s skeleton in adapter-names-icu does:
 * <ul>
 *   <li>look-alike sequences ("rn" and "m");
 *   <li>digits and symbols that look like letters ("b0b" and "bob", "1" or "I" and "l", "|");
 *   <li>look-alikes outside its table: other Cyrillic and Greek letters (Greek ν and υ in the
 *       middle of a Latin name look like v and u, the table maps them as their capitals Ν and Υ),
 *       Latin letters such as ɑ and ɡ, Armenian, Cherokee, Lisu and other
 *       scripts' letters that look Latin, and look-alikes within CJK, Arabic or Indic scripts;
 *   <li>marks that look like other marks, and letters with marks that look like other letters.
 * </ul>
 *
 * Names in any script work: what the steps do not change stays as typed, so "李雷" and "李磊",
 * or "Zoë" and "Zoe", keep different keys. Stateless and thread-safe.
 */
public final class FoldedNameKeys implements NameKeys {
    /** The JDK's normalizer and case tables: they follow the Java release. */
    @Override
    public String dataVersion() {
        return "java-" + Runtime.version().feature();
    }

    private static final int MAX_FOLDING_ROUNDS = 4;

    /** Cyrillic and Greek small letters (after folding) to the Latin letters they look like. */
    private static final Map<Integer, String> LOOK_ALIKES = lookAlikes(
            "аa вb гr еe іi јj кk мm нh оo рp сc тt уy хx ѕs һh ԁd ԛq ԝw ӏi үy"
                    + " αa βb εe ζz ηh ιi κk μm νn οo ρp τt υy χx ϲc ϳj");

    @Override
    public String keyOf(Username name) {
        Objects.requireNonNull(name, "name");
        return withoutLookAlikes(folded(name.value()));
    }

    private static String folded(String text) {
        String current = text;
        for (int round = 0; round < MAX_FOLDING_ROUNDS; round++) {
            String next = Normalizer.normalize(withoutIgnorables(current), Normalizer.Form.NFKC)
                    .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            next = Normalizer.normalize(next, Normalizer.Form.NFKC);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        return current;
    }

    private static String withoutLookAlikes(String folded) {
        String decomposed = Normalizer.normalize(folded, Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            String latin = LOOK_ALIKES.get(cp);
            if (latin != null) {
                key.append(latin);
            } else {
                key.appendCodePoint(cp);
            }
        });
        return Normalizer.normalize(key, Normalizer.Form.NFC);
    }

    private static String withoutIgnorables(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isDefaultIgnorable(cp)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /**
     * Unicode's Default_Ignorable_Code_Point, which the JDK does not expose: format characters
     * except the few that show (prepended concatenation marks such as the Arabic number sign,
     * interlinear annotation, Egyptian hieroglyph controls), variation selectors, and the short
     * list Unicode adds by hand (the combining grapheme joiner, Hangul and Khmer fillers).
     */
    static boolean isDefaultIgnorable(int cp) {
        if (Character.getType(cp) == Character.FORMAT) {
            return !(cp >= 0x0600 && cp <= 0x0605) && cp != 0x06DD && cp != 0x070F
                    && cp != 0x0890 && cp != 0x0891 && cp != 0x08E2 && cp != 0x110BD && cp != 0x110CD
                    && !(cp >= 0xFFF9 && cp <= 0xFFFB) && !(cp >= 0x13430 && cp <= 0x1345F);
        }
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || cp == 0x3164 || cp == 0xFFA0
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x2060 && cp <= 0x206F)
                || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    private static Map<Integer, String> lookAlikes(String pairs) {
        return Arrays.stream(pairs.split(" "))
                .collect(Collectors.toUnmodifiableMap(
                        pair -> pair.codePointAt(0), pair -> pair.substring(pair.offsetByCodePoints(0, 1))));
    }
}
