package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.NameTakenException;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.memory.FoldedNameKeys;
import com.wheretoeat.core.port.AreaStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Areas live in Redis for hours across a deploy. One written by the version before the indexes (five
 * keys, member events without a count), written here with plain Redis commands as its scripts did, is
 * read as it is, and its first change builds the indexes; so is one that version changed again during
 * a rolling deploy.
 */
class PreviousVersionDataTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters adapters = new TestAdapters(REDIS::freshSettings);

    private static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;
    private static final int MEMBERS = 150;
    /** Members 0 to 9 and the vote of member 0 expire at {@link #early}; everyone else later. */
    private static final int EARLY = 10;

    private RedisAdapters redis;
    private AreaStore store;
    private String base;
    private final AreaName area = AreaName.of("canteen");
    private Instant now;
    private Instant early;

    @BeforeEach
    void connect() {
        redis = adapters.open();
        store = redis.areaStore();
        base = redis.settings().keyPrefix() + ":area:{canteen}:";
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        early = now.plus(Duration.ofMinutes(10));
    }


    @Test
    void anAreaOfThePreviousVersionIsReadAsItIsWithoutWritingAnything() throws Exception {
        writePreviousVersionArea(MEMBERS);

        AreaSnapshot snapshot = result(store.snapshot(area, now));
        assertThat(snapshot.seq()).isEqualTo(MEMBERS + 2);
        assertThat(snapshot.memberCount()).isEqualTo(MEMBERS);
        assertThat(snapshot.members()).extracting(m -> m.name().value()).hasSize(AreaSnapshot.MEMBER_PAGE)
                .startsWith("Member 0", "Member 1").endsWith("Member 99");
        assertThat(snapshot.votes()).extracting(v -> v.voter().value()).containsExactly("Member 0", "Member 20");
        MemberPage rest = result(store.members(area, 100, now));
        assertThat(rest.members()).extracting(m -> m.name().value()).hasSize(50).startsWith("Member 100").endsWith("Member 149");
        assertThat(rest.memberCount()).isEqualTo(MEMBERS);
        assertThat(rest.more()).isFalse();
        AreaSnapshot later = result(store.snapshot(area, early));
        assertThat(later.memberCount()).as("expired, not yet announced").isEqualTo(MEMBERS - EARLY);
        assertThat(later.members().get(0).name()).isEqualTo(name("Member " + EARLY));
        assertThat(later.votes()).hasSize(1);

        assertThat(result(redis.areaEvents().since(area, MEMBERS - 1))).hasValueSatisfying(events -> {
            assertThat(events).extracting(AreaEvent::seq).containsExactly((long) MEMBERS, MEMBERS + 1L, MEMBERS + 2L);
            assertThat(events.get(0)).isInstanceOfSatisfying(AreaEvent.MemberJoined.class,
                    joined -> assertThat(joined.memberCount()).as("logged without a count").isEqualTo(1));
        });
        assertThat(REDIS.keys(base)).as("reads wrote nothing").containsExactlyInAnyOrder(
                base + "meta", base + "members", base + "sessions", base + "votes", base + "log");
    }

    @Test
    void theFirstChangeBuildsTheIndexesAndAnnouncesWhatExpiredInOrder() throws Exception {
        List<SessionId> sessions = writePreviousVersionArea(MEMBERS);
        long last = MEMBERS + 2;

        Joined newcomer = result(store.join(area, session(), name("Newcomer"), early, LIFETIMES));

        long joinedSeq = last + EARLY + 2;
        assertThat(newcomer.you().seq()).as("after ten members and a vote expired").isEqualTo(joinedSeq);
        assertThat(newcomer.snapshot().memberCount()).isEqualTo(MEMBERS - EARLY + 1);
        List<AreaEvent> events = result(redis.areaEvents().since(area, last)).orElseThrow();
        assertThat(events).hasSize(EARLY + 2);
        for (int i = 0; i < EARLY; i++) {
            assertThat(events.get(i)).as("by time, members first, then by seq")
                    .isEqualTo(new AreaEvent.MemberExpired(area, last + 1 + i, early, name("Member " + i), MEMBERS - 1 - i));
        }
        assertThat(events.get(EARLY)).isInstanceOfSatisfying(AreaEvent.VoteExpired.class,
                e -> assertThat(e.voter()).isEqualTo(name("Member 0")));
        assertThat(events.get(EARLY + 1)).isEqualTo(new AreaEvent.MemberJoined(area, joinedSeq, early, newcomer.you(),
                MEMBERS - EARLY + 1));
        assertThat(REDIS.command("HGET", base + "meta", "indexed")).isEqualTo(Long.toString(joinedSeq));
        assertThat(REDIS.command("ZCARD", base + "members-by-seq")).isEqualTo(Integer.toString(MEMBERS - EARLY + 1));
        assertThat(REDIS.command("ZCARD", base + "expiries")).as("members and the vote left")
                .isEqualTo(Integer.toString(MEMBERS - EARLY + 2));

        assertThat(everyMember(early)).extracting(m -> m.name().value()).hasSize(MEMBERS - EARLY + 1)
                .startsWith("Member 10").endsWith("Member 149", "Newcomer");
        assertThat(result(store.vote(area, sessions.get(20), TACOS, early, LIFETIMES)).venue()).isEqualTo(TACOS);
        assertThat(result(store.leave(area, sessions.get(149), early))).hasValueSatisfying(
                left -> assertThat(left.memberCount()).isEqualTo(MEMBERS - EARLY));
        Instant end = early.plus(LIFETIMES.member()).plus(LIFETIMES.vote());
        assertThat(result(store.expire(area, end))).isEmpty();
        assertThat(REDIS.keys(base)).as("the area and its indexes are gone").isEmpty();
    }

    @Test
    void anAreaThePreviousVersionChangedAfterItsIndexesWereBuiltIsIndexedAgain() throws Exception {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        result(store.join(area, session(), name("Bob"), now, LIFETIMES));
        // A node of the previous version, during a rolling deploy, lets Oldtimer join.
        SessionId oldtimer = session();
        REDIS.command("XADD", base + "log", "MAXLEN", "256", "3-0", "e", joinedJson(3, "Oldtimer", now, early));
        REDIS.command("HSET", base + "meta", "seq", "3");
        REDIS.command("HSET", base + "members", "Oldtimer", member(3, now, early, oldtimer));
        REDIS.command("HSET", base + "sessions", oldtimer.value(), "Oldtimer");

        AreaSnapshot snapshot = result(store.snapshot(area, now));
        assertThat(snapshot.members()).extracting(m -> m.name().value()).containsExactly("Ann", "Bob", "Oldtimer");
        assertThat(snapshot.memberCount()).isEqualTo(3);
        assertThat(result(store.member(area, oldtimer, now))).isPresent();

        result(store.vote(area, ann, NOODLES, now, LIFETIMES));

        assertThat(REDIS.command("ZSCORE", base + "members-by-seq", "Oldtimer")).isEqualTo("3");
        assertThat(result(store.expire(area, early))).isPresent();
        assertThat(result(redis.areaEvents().since(area, 4))).hasValueSatisfying(events -> assertThat(events)
                .containsExactly(new AreaEvent.MemberExpired(area, 5, early, name("Oldtimer"), 2)));
        assertThat(result(store.snapshot(area, early)).members()).extracting(m -> m.name().value())
                .containsExactly("Ann", "Bob");
    }

    @Test
    void aJoinRefusesANameThatLooksLikeOneThePreviousVersionLetInAndBuildsTheNamesIndexOnce() throws Exception {
        writePreviousVersionArea(MEMBERS);
        long before = REDIS.commandCalls().getOrDefault("evalsha", 0L);

        assertThatThrownBy(() -> result(store.join(area, session(), name("MEMBER 12"), now, LIFETIMES)))
                .isInstanceOfSatisfying(NameTakenException.class, taken -> assertThat(taken.holder()).isEqualTo("Member 12"));
        assertThat(REDIS.command("HGET", base + "meta", "keyed")).as("a refused join writes nothing").isEmpty();
        result(store.join(area, session(), name("Newcomer"), now, LIFETIMES));

        assertThat(REDIS.commandCalls().get("evalsha") - before).as("each join asked for the members' keys once")
                .isEqualTo(4);
        assertThat(REDIS.command("HGET", base + "names", "k:" + new FoldedNameKeys().keyOf(name("Member 12"))))
                .isEqualTo("Member 12");
        assertThat(REDIS.command("HGET", base + "meta", "keyed")).isEqualTo(REDIS.command("HGET", base + "meta", "seq"));
        long afterBuilt = REDIS.commandCalls().get("evalsha");
        assertThatThrownBy(() -> result(store.join(area, session(), name("newcomer"), now, LIFETIMES)))
                .isInstanceOfSatisfying(NameTakenException.class, taken -> assertThat(taken.holder()).isEqualTo("Newcomer"));
        assertThat(REDIS.commandCalls().get("evalsha") - afterBuilt).as("built: one call").isEqualTo(1);
    }

    /** Every live member at {@code at}, page after page. */
    private List<Member> everyMember(Instant at) {
        List<Member> all = new ArrayList<>();
        MemberPage page = result(store.members(area, 0, at));
        all.addAll(page.members());
        while (page.more()) {
            page = result(store.members(area, all.get(all.size() - 1).seq(), at));
            all.addAll(page.members());
        }
        return all;
    }

    @Test
    void theIndexesOfABigAreaAreBuiltWhole() throws Exception {
        int count = 1_234;
        writePreviousVersionArea(count);

        result(store.join(area, session(), name("Newcomer"), now, LIFETIMES));

        assertThat(REDIS.command("ZCARD", base + "members-by-seq")).isEqualTo(Integer.toString(count + 1));
        assertThat(REDIS.command("ZCARD", base + "expiries")).isEqualTo(Integer.toString(count + 1 + 2));
        List<Member> everyone = everyMember(now);
        assertThat(everyone).hasSize(count + 1).extracting(Member::seq).isSorted().doesNotHaveDuplicates();
        assertThat(everyone.get(count - 1).name()).isEqualTo(name("Member " + (count - 1)));
    }

    /**
     * The keys the previous version's scripts left after "Member 0" to "Member <count - 1>" joined (seq 1
     * to count) and members 0 and 20 voted (seq count + 1 and + 2), the log holding the last three events;
     * answers the members' sessions.
     */
    private List<SessionId> writePreviousVersionArea(int count) throws IOException {
        Instant joined = now.minus(Duration.ofHours(1));
        Instant late = now.plus(Duration.ofHours(3));
        List<SessionId> sessions = new ArrayList<>();
        List<String> members = new ArrayList<>(List.of("HSET", base + "members"));
        List<String> names = new ArrayList<>(List.of("HSET", base + "sessions"));
        for (int i = 0; i < count; i++) {
            SessionId session = session();
            sessions.add(session);
            members.addAll(List.of("Member " + i, member(i + 1, joined, i < EARLY ? early : late, session)));
            names.addAll(List.of(session.value(), "Member " + i));
        }
        REDIS.command(members.toArray(String[]::new));
        REDIS.command(names.toArray(String[]::new));
        REDIS.command("HSET", base + "votes", "Member 0", vote(count + 1, now, early, TRATTORIA),
                "Member 20", vote(count + 2, now, late, NOODLES));
        REDIS.command("HSET", base + "meta", "seq", Integer.toString(count + 2), "exp", millis(late));
        REDIS.command("XADD", base + "log", "MAXLEN", "256", count + "-0", "e",
                joinedJson(count, "Member " + (count - 1), joined, late));
        REDIS.command("XADD", base + "log", "MAXLEN", "256", (count + 1) + "-0", "e",
                castJson(count + 1, "Member 0", now, early, TRATTORIA));
        REDIS.command("XADD", base + "log", "MAXLEN", "256", (count + 2) + "-0", "e",
                castJson(count + 2, "Member 20", now, late, NOODLES));
        return sessions;
    }

    private static String member(long seq, Instant active, Instant expires, SessionId session) {
        return seq + "|" + millis(active) + "|" + millis(expires) + "|" + session.value();
    }

    private static String vote(long seq, Instant cast, Instant expires, Venue venue) {
        return seq + "|" + millis(cast) + "|" + millis(expires) + "|" + venue.id().value() + "|" + Wire.venueJson(venue);
    }

    /** A join as the previous version logged it: without memberCount. */
    private static String joinedJson(long seq, String name, Instant at, Instant expires) {
        return "{\"type\":\"joined\",\"seq\":" + seq + ",\"at\":" + millis(at) + ",\"name\":\"" + name + "\",\"memberSeq\":"
                + seq + ",\"activeAt\":" + millis(at) + ",\"expiresAt\":" + millis(expires) + "}";
    }

    private static String castJson(long seq, String name, Instant at, Instant expires, Venue venue) {
        return "{\"type\":\"cast\",\"seq\":" + seq + ",\"at\":" + millis(at) + ",\"name\":\"" + name + "\",\"voteSeq\":"
                + seq + ",\"castAt\":" + millis(at) + ",\"expiresAt\":" + millis(expires) + ",\"venue\":"
                + Wire.venueJson(venue) + "}";
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }
}
