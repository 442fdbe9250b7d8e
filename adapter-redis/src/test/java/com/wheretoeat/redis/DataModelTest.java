package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.NotJoinedException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Joined;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.AreaStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the adapter leaves in Redis: names never become key names, Redis reclaims keys a day after
 * they expired, and damaged state (a key deleted behind the adapter's back) never breaks an area.
 */
class DataModelTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters adapters = new TestAdapters(REDIS::freshSettings);

    private static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;

    private RedisAdapters redis;
    private AreaStore store;
    private String prefix;
    private final AreaName area = AreaName.of("office-3f");
    private Instant now;

    @BeforeEach
    void connect() {
        redis = adapters.open();
        store = redis.areaStore();
        prefix = redis.settings().keyPrefix();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }


    private SessionId joinAndVote(String who, Venue venue) {
        SessionId session = session();
        result(store.join(area, session, name(who), now, LIFETIMES));
        result(store.vote(area, session, venue, now, LIFETIMES));
        return session;
    }

    @Test
    void oneAreaIsAFixedSetOfKeysWhateverItsMembersAreCalled() throws Exception {
        // The contract (namesAreDataAndNeverCollide) shows tricky names never collide; this
        // shows why: none of them reaches a key name.
        SessionId bob = joinAndVote("bob", TRATTORIA);
        joinAndVote("bob:vote", NOODLES);
        joinAndVote("{bob}", TACOS);
        joinAndVote("🍕 bob", TACOS);
        result(store.decide(area, bob, now, LIFETIMES));
        result(store.vote(area, bob, NOODLES, now, LIFETIMES));

        assertThat(REDIS.keys(prefix)).containsExactlyInAnyOrder(
                prefix + ":area:{office-3f}:meta", prefix + ":area:{office-3f}:members",
                prefix + ":area:{office-3f}:sessions", prefix + ":area:{office-3f}:votes", prefix + ":area:{office-3f}:log",
                prefix + ":area:{office-3f}:members-by-seq", prefix + ":area:{office-3f}:expiries",
                prefix + ":area:{office-3f}:names", prefix + ":area:{office-3f}:history");
    }

    @Test
    void anAreaThatLostItsMetaKeyStartsAgainAndKeepsWorking() throws Exception {
        joinAndVote("Ann", TRATTORIA);
        REDIS.command("DEL", prefix + ":area:{office-3f}:meta");
        SessionId bob = session();

        Joined joined = result(store.join(area, bob, name("Bob"), now, LIFETIMES));
        result(store.vote(area, bob, NOODLES, now, LIFETIMES));

        assertThat(joined.you().seq()).as("the area started again from sequence 1").isEqualTo(1);
        AreaSnapshot snapshot = result(store.snapshot(area, now));
        assertThat(snapshot.seq()).isEqualTo(2);
        assertThat(snapshot.members()).extracting(m -> m.name().value()).containsExactly("Bob");
        assertThat(snapshot.votes()).extracting(v -> v.voter().value()).containsExactly("Bob");
        assertThat(result(redis.areaEvents().since(area, 0))).hasValueSatisfying(
                events -> assertThat(events).extracting(AreaEvent::seq).containsExactly(1L, 2L));
    }

    @Test
    void aSessionWhoseMemberEntryIsGoneIsNoMemberAndCanJoinAgain() throws Exception {
        SessionId ann = joinAndVote("Ann", TRATTORIA);
        REDIS.command("HDEL", prefix + ":area:{office-3f}:members", "Ann");

        assertThatThrownBy(() -> result(store.vote(area, ann, NOODLES, now, LIFETIMES))).isInstanceOf(NotJoinedException.class);
        assertThatThrownBy(() -> result(store.retract(area, ann, now, LIFETIMES))).isInstanceOf(NotJoinedException.class);
        assertThat(result(store.leave(area, ann, now))).isEmpty();
        assertThat(result(store.member(area, ann, now))).isEmpty();

        Joined again = result(store.join(area, ann, name("Ann"), now, LIFETIMES));

        assertThat(again.snapshot().members()).extracting(m -> m.name().value()).containsExactly("Ann");
        assertThat(result(store.vote(area, ann, NOODLES, now, LIFETIMES)).venue().id()).isEqualTo(NOODLES.id());
    }

    @Test
    void aCallerClockADayBehindRedisStillJoinsVotesAndReads() throws Exception {
        Instant dayBehind = now.minus(Duration.ofDays(1));
        SessionId ann = session();

        result(store.join(area, ann, name("Ann"), dayBehind, LIFETIMES));
        result(store.vote(area, ann, TRATTORIA, dayBehind, LIFETIMES));

        AreaSnapshot snapshot = result(store.snapshot(area, dayBehind));
        assertThat(snapshot.members()).extracting(m -> m.name().value()).containsExactly("Ann");
        assertThat(snapshot.votes()).hasSize(1);
        assertThat(REDIS.keys(prefix)).hasSize(8);
        for (String key : REDIS.keys(prefix)) {
            assertThat(Long.parseLong(REDIS.command("PEXPIRETIME", key))).as(key).isGreaterThan(System.currentTimeMillis());
        }
        SessionId session = result(redis.sessions().create(dayBehind, Duration.ofHours(1)));
        assertThat(result(redis.sessions().touch(session, dayBehind, Duration.ofHours(1)))).isTrue();
        assertThat(Long.parseLong(REDIS.command("PEXPIRETIME", prefix + ":session:" + session.value())))
                .isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void readingAnUnknownAreaCreatesNoKeys() throws Exception {
        assertThat(result(store.snapshot(AreaName.of("nobody-here"), now)).seq()).isZero();
        assertThat(result(redis.areaEvents().since(AreaName.of("nobody-here"), 0))).contains(List.of());

        assertThat(REDIS.keys(prefix)).isEmpty();
    }

    @Test
    void redisForgetsAnAreaADayAfterItsLastActivityPlusTheMemberLifetime() throws Exception {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        Instant later = now.plus(Duration.ofHours(1));
        result(store.vote(area, ann, TRATTORIA, later, LIFETIMES));
        result(store.decide(area, ann, later, LIFETIMES));
        result(store.vote(area, ann, NOODLES, later, LIFETIMES));

        long expected = later.plus(LIFETIMES.member()).plus(Duration.ofDays(1)).toEpochMilli();
        for (String key : REDIS.keys(prefix)) {
            assertThat(Long.parseLong(REDIS.command("PEXPIRETIME", key))).as(key).isEqualTo(expected);
        }
        assertThat(REDIS.keys(prefix)).as("the votes, the names and the history too").hasSize(9);
    }

    @Test
    void anExpiredVoteIsGoneFromEveryRead() {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        Vote vote = result(store.vote(area, ann, TRATTORIA, now, LIFETIMES));
        Instant expired = vote.expiresAt();

        assertThat(result(store.snapshot(area, expired)).votes()).isEmpty();
        assertThat(result(store.join(area, session(), name("Bob"), expired, LIFETIMES)).snapshot().votes()).isEmpty();
        assertThat(result(store.retract(area, ann, expired, LIFETIMES))).as("nothing left to retract").isEmpty();
    }

    @Test
    void anAreaWhoseVotesRedisAlreadyDroppedStillGivesASnapshot() throws Exception {
        joinAndVote("Ann", TRATTORIA);
        joinAndVote("Bob", NOODLES);
        REDIS.command("DEL", prefix + ":area:{office-3f}:votes");

        AreaSnapshot snapshot = result(store.snapshot(area, now));

        assertThat(snapshot.members()).hasSize(2);
        assertThat(snapshot.votes()).isEmpty();
    }

    @Test
    void aSessionKeyExpiresInRedisADayAfterItsLifetimeEnds() throws Exception {
        Duration lifetime = Duration.ofDays(30);
        SessionId session = result(redis.sessions().create(now, lifetime));
        String key = prefix + ":session:" + session.value();
        assertThat(Long.parseLong(REDIS.command("PEXPIRETIME", key))).isEqualTo(now.plus(lifetime).plus(Duration.ofDays(1)).toEpochMilli());

        Instant used = now.plus(Duration.ofDays(2));
        assertThat(result(redis.sessions().touch(session, used, lifetime))).isTrue();

        assertThat(Long.parseLong(REDIS.command("PEXPIRETIME", key))).isEqualTo(used.plus(lifetime).plus(Duration.ofDays(1)).toEpochMilli());
    }
}
