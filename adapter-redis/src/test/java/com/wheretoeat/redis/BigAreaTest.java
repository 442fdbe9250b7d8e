package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.AreaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operation in an area of 10,000 members costs what it costs in one of 200 (issue 12): Redis runs
 * the very same commands, scripts' included (seen with {@code MONITOR}), and none of them reads the
 * area's members whole. Counted, not timed.
 */
class BigAreaTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters adapters = new TestAdapters(REDIS::freshSettings);

    private static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;
    /** For the one member whose expiry is announced. */
    private static final Lifetimes SHORT = new Lifetimes(LIFETIMES.vote(), Duration.ofMinutes(5), LIFETIMES.session());

    private RedisAdapters redis;
    private AreaStore store;
    private Instant now;

    @BeforeEach
    void connect() {
        redis = adapters.open();
        store = redis.areaStore();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }


    @Test
    void everyOperationRunsTheSameCommandsInAnAreaOfTenThousandMembersAsInOneOfTwoHundred() {
        Map<String, List<String>> small = linesOfEachOperation(AreaName.of("two-hundred"), 200);
        Map<String, List<String>> big = linesOfEachOperation(AreaName.of("ten-thousand"), 10_000);

        assertThat(big.keySet()).containsExactly("join", "vote", "retract", "member", "leave", "snapshot", "members",
                "set deadline", "decide", "break tie", "history", "expire", "expire one", "deadline decides");
        big.forEach((operation, lines) -> assertThat(commands(lines)).as(operation).isEqualTo(commands(small.get(operation))));
        AreaSnapshot snapshot = result(store.snapshot(AreaName.of("ten-thousand"), now));
        assertThat(snapshot.memberCount()).as("one joined and expired, one left").isEqualTo(9_999);
        assertThat(snapshot.members()).hasSize(AreaSnapshot.MEMBER_PAGE);
    }

    @Test
    void noOperationReadsTheMembersOfABigAreaWhole() {
        Map<String, List<String>> big = linesOfEachOperation(AreaName.of("ten-thousand"), 10_000);
        String members = redis.settings().keyPrefix() + ":area:{ten-thousand}:members";

        big.forEach((operation, lines) -> {
            assertThat(lines).as(operation).anyMatch(line -> line.contains("lua]"));
            List<String> readingMembers = lines.stream().filter(line -> line.contains('"' + members)).toList();
            assertThat(readingMembers).as(operation)
                    .noneMatch(line -> line.matches("\\[.*] \"(HGETALL|HKEYS|HVALS|HSCAN|ZRANGE)\" .*"))
                    .filteredOn(line -> line.contains("\"ZRANGEBYSCORE\""))
                    .allMatch(line -> line.contains("\"LIMIT\""));
            assertThat(readingMembers).as(operation).filteredOn(line -> line.contains("\"HMGET\""))
                    .allMatch(line -> line.split("\" \"").length <= 2 + AreaSnapshot.MEMBER_PAGE + 1);
        });
    }

    /** The commands Redis ran for each operation in an area of {@code size} members, as MONITOR shows them. */
    private Map<String, List<String>> linesOfEachOperation(AreaName area, int size) {
        List<SessionId> sessions = fill(area, size);
        SessionId newcomer = session();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        lines.put("join", monitor(() -> result(store.join(area, newcomer, name("Newcomer"), now, SHORT))));
        lines.put("vote", monitor(() -> result(store.vote(area, sessions.get(5), TRATTORIA, now, LIFETIMES))));
        lines.put("retract", monitor(() -> result(store.retract(area, sessions.get(5), now, LIFETIMES))));
        lines.put("member", monitor(() -> result(store.member(area, sessions.get(6), now))));
        lines.put("leave", monitor(() -> result(store.leave(area, sessions.get(7), now))));
        lines.put("snapshot", monitor(() -> result(store.snapshot(area, now))));
        lines.put("members", monitor(() -> result(store.members(area, 150, now))));
        result(store.vote(area, sessions.get(8), TRATTORIA, now, LIFETIMES));
        result(store.vote(area, sessions.get(9), NOODLES, now, LIFETIMES));
        lines.put("set deadline", monitor(() -> result(store.setDeadline(area, sessions.get(8), now.plusSeconds(60), now,
                LIFETIMES))));
        lines.put("decide", monitor(() -> result(store.decide(area, sessions.get(9), now, LIFETIMES))));
        lines.put("break tie", monitor(() -> result(store.breakTie(area, sessions.get(8), 1, now, LIFETIMES))));
        lines.put("history", monitor(() -> result(store.history(area, now))));
        lines.put("expire", monitor(() -> result(store.expire(area, now))));
        lines.put("expire one", monitor(() -> result(store.expire(area, now.plus(SHORT.member())))));
        // The deadline decides by itself in the expiry check that finds it due.
        Instant later = now.plus(SHORT.member());
        result(store.vote(area, sessions.get(8), TRATTORIA, later, LIFETIMES));
        result(store.setDeadline(area, sessions.get(8), later.plusSeconds(60), later, LIFETIMES));
        lines.put("deadline decides", monitor(() -> result(store.expire(area, later.plusSeconds(61)))));
        return lines;
    }

    private static List<String> monitor(Runnable operation) {
        try {
            return REDIS.monitor(operation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command names of MONITOR lines such as {@code [0 lua] "HGET" "key" "field"}. */
    private static List<String> commands(List<String> lines) {
        return lines.stream().map(line -> line.substring(line.indexOf("] \"") + 3))
                .map(line -> line.substring(0, line.indexOf('"'))).toList();
    }

    /** Joins {@code size} members, "Member 0" first; answers their sessions in that order. */
    private List<SessionId> fill(AreaName area, int size) {
        List<SessionId> sessions = new ArrayList<>();
        List<CompletableFuture<?>> joining = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            sessions.add(session());
            joining.add(store.join(area, sessions.get(i), name("Member " + i), now, LIFETIMES).toCompletableFuture());
            if (joining.size() == 200 || i == size - 1) {
                CompletableFuture.allOf(joining.toArray(CompletableFuture[]::new)).join();
                joining.clear();
            }
        }
        return sessions;
    }
}
