package com.wheretoeat.bench;

import java.text.DecimalFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a run counts, shared by every connection: latencies in microseconds, votes and events of the
 * measured window, and problems by kind. Only votes sent inside the window count; events are
 * attributed to their vote by the area's sequence number, so a late or missing one is noticed.
 */
final class Figures {
    /** From sending a vote to the voter receiving its own vote-cast or vote-moved. */
    final Histogram ownEvent = new ConcurrentHistogram(3);
    /** From sending a vote to the last member of the area receiving its event. */
    final Histogram lastMember = new ConcurrentHistogram(3);
    final LongAdder votesSent = new LongAdder();
    final LongAdder votesAnswered = new LongAdder();
    final LongAdder votesAcked = new LongAdder();
    final LongAdder expectedEvents = new LongAdder();
    final LongAdder receivedEvents = new LongAdder();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

    /** Counts a problem: an error code, a close code, a failed connect... */
    void problem(String kind) {
        problems.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    Map<String, Long> problems() {
        Map<String, Long> sorted = new TreeMap<>();
        problems.forEach((kind, count) -> sorted.put(kind, count.sum()));
        return sorted;
    }

    /** Whether every measured vote has its answer and every event it should cause arrived. */
    boolean settled() {
        return votesAnswered.sum() >= votesSent.sum() && receivedEvents.sum() >= expectedEvents.sum();
    }

    /** "p50 1.2  p99 3.4  max 5.6 ms  (n samples)" for the given percentiles of a histogram in µs. */
    static String percentiles(Histogram micros, double... percentiles) {
        if (micros.getTotalCount() == 0) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (double p : percentiles) {
            out.append(String.format(Locale.ROOT, "p%s %.1f  ", new DecimalFormat("0.#").format(p),
                    micros.getValueAtPercentile(p) / 1000.0));
        }
        return out.append(String.format(Locale.ROOT, "max %.1f ms  (%d samples)",
                micros.getMaxValue() / 1000.0, micros.getTotalCount())).toString();
    }
}
