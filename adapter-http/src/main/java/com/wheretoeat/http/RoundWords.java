package com.wheretoeat.http;

import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a round's deadline and decisions read on the page without script. The server cannot know the
 * reader's time zone, so every time is in UTC and says so; the live script words the same things
 * the same way in the reader's own time ({@code app.js}, {@code decisionWords}).
 */
final class RoundWords {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private RoundWords() {}

    /**
     * A decision as the page shows it: {@code label} ("Today", or the day it was made), {@code headline}
     * (the place, "A tie between X and Y", or "Drawn: Y"), {@code draw} after a draw ("(tie between X and
     * Y, drawn by Ann)"), {@code detail} ("4 of 6 votes, decided by Ann at 12:02 UTC"), {@code breakable}
     * (a tie nobody has broken), and all of it as one {@code sentence}.
     */
    static Map<String, Object> decision(Decision decision, Instant now) {
        Map<String, Object> words = new LinkedHashMap<>();
        String label = day(decision.decidedAt(), now);
        String tied = names(decision.winners());
        String headline;
        if (!decision.tie()) {
            headline = decision.winners().get(0).name();
        } else if (decision.drawn() == null) {
            headline = "A tie between " + tied;
        } else {
            headline = "Drawn: " + decision.drawn().name();
            words.put("draw", "(tie between " + tied + ", drawn by " + decision.drawnBy().value() + ")");
        }
        String detail = votes(decision) + ", " + decided(decision);
        words.put("round", decision.round());
        words.put("label", label);
        words.put("headline", headline);
        words.put("detail", detail);
        words.put("breakable", decision.breakable());
        words.put("decidedAt", decision.decidedAt().toString());
        words.put("sentence", label + ": " + headline + (words.containsKey("draw") ? " " + words.get("draw") : "")
                + ", " + detail + ".");
        return words;
    }

    /**
     * The round's deadline as the page shows it: {@code at} (ISO), {@code time} ("12:15 UTC"), {@code in}
     * ("in 15 min" from {@code now}) and {@code by}, who set it; null without a deadline.
     */
    static Map<String, Object> deadline(Round round, Instant now) {
        if (round.deadline() == null) {
            return null;
        }
        Map<String, Object> words = new LinkedHashMap<>();
        words.put("at", round.deadline().toString());
        words.put("time", TIME.format(round.deadline()));
        words.put("in", in(Duration.between(now, round.deadline())));
        words.put("by", round.deadlineBy().value());
        return words;
    }

    /** "4 of 6 votes" for a winner; "2 votes each of 5" for a tie. */
    private static String votes(Decision decision) {
        List<TallyEntry> ranking = decision.tally().ranking();
        int top = ranking.get(0).votes();
        int total = ranking.stream().mapToInt(TallyEntry::votes).sum();
        if (decision.tie()) {
            return top + (top == 1 ? " vote" : " votes") + " each of " + total;
        }
        return top + " of " + total + (total == 1 ? " vote" : " votes");
    }

    private static String decided(Decision decision) {
        Username by = decision.decidedBy();
        return by == null ? "decided at the deadline, " + TIME.format(decision.decidedAt())
                : "decided by " + by.value() + " at " + TIME.format(decision.decidedAt());
    }

    private static String day(Instant at, Instant now) {
        return DAY.format(at).equals(DAY.format(now)) ? "Today" : DAY.format(at);
    }

    /** "in 15 min", "in 1 h 5 min", rounded up to the minute; "due now" once it has come. */
    static String in(Duration left) {
        long minutes = (left.toSeconds() + 59) / 60;
        if (minutes <= 0) {
            return "due now";
        }
        return minutes < 60 ? "in " + minutes + " min"
                : "in " + minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** "X", "X and Y", "X, Y and Z". */
    private static String names(List<Venue> venues) {
        List<String> names = venues.stream().map(Venue::name).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
