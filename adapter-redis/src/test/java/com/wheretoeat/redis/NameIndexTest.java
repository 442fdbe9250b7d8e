package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.NameTakenException;
import com.wheretoeat.core.memory.FoldedNameKeys;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.AreaStore;
import com.wheretoeat.core.port.NameKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An area keeps its members' name keys in one hash, so a join finds a name that looks the same in one
 * HGET. The index follows every member who comes and goes, and is built again when it cannot be trusted:
 * written before it existed, changed by a node of that version, or built with other name keys.
 */
class NameIndexTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;
    private static final NameKeys FOLDED = new FoldedNameKeys();

    private RedisSettings settings;
    private RedisAdapters redis;
    private AreaStore store;
    private String base;
    private final AreaName area = AreaName.of("canteen");
    private Instant now;

    @BeforeEach
    void connect() {
        settings = REDIS.freshSettings();
        redis = RedisAdapters.connect(settings);
        store = redis.areaStore();
        base = settings.keyPrefix() + ":area:{canteen}:";
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private String holderOfKeyOf(String name) throws Exception {
        return REDIS.command("HGET", base + "names", "k:" + FOLDED.keyOf(name(name)));
    }

    @Test
    void nameKeysOfAnotherDataVersionMakeAnotherIndexEvenWhereEveryProbeAgrees() {
        FoldedNameKeys folded = new FoldedNameKeys();
        NameKeys before = new Versioned(folded, "unicode-16");
        NameKeys after = new Versioned(folded, "unicode-17");

        assertThat(RedisAreaStore.idOf(before)).isNotEqualTo(RedisAreaStore.idOf(after));
        assertThat(RedisAreaStore.idOf(before)).isEqualTo(RedisAreaStore.idOf(new Versioned(folded, "unicode-16")));
    }

    /** The same keys as {@code keys}, of a given data version. */
    private record Versioned(NameKeys keys, String version) implements NameKeys {
        @Override
        public String keyOf(Username name) {
            return keys.keyOf(name);
        }

        @Override
        public String dataVersion() {
            return version;
        }
    }

    @Test
    void theIndexHoldsTheKeyOfEveryMemberAndForgetsThoseWhoLeaveOrExpire() throws Exception {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        result(store.join(area, session(), name("Bob"), now, new Lifetimes(LIFETIMES.vote(), LIFETIMES.vote(), LIFETIMES.session())));
        SessionId cy = session();
        result(store.join(area, cy, name("Cy"), now, LIFETIMES));

        result(store.join(area, ann, name("ANN"), now, LIFETIMES));
        result(store.leave(area, cy, now));
        result(store.expire(area, now.plus(LIFETIMES.vote())));

        assertThat(holderOfKeyOf("Ann")).as("respelled").isEqualTo("ANN");
        assertThat(REDIS.command("HGETALL", base + "names").split("\n"))
                .containsExactlyInAnyOrder("k:" + FOLDED.keyOf(name("ANN")), "ANN", "n:ANN", FOLDED.keyOf(name("ANN")));
        assertThat(REDIS.command("HGET", base + "meta", "keyed")).isEqualTo(REDIS.command("HGET", base + "meta", "seq"));
    }

    @Test
    void anAreaWithoutTheIndexGetsItFromItsNextJoin() throws Exception {
        result(store.join(area, session(), name("Ann"), now, LIFETIMES));
        result(store.join(area, session(), name("Bob"), now, LIFETIMES));
        // As the version before the names index left it: indexed members, no names, no keyed.
        REDIS.command("DEL", base + "names");
        REDIS.command("HDEL", base + "meta", "keyed", "names");

        assertThatThrownBy(() -> result(store.join(area, session(), name("\u0410NN"), now, LIFETIMES)))
                .isInstanceOfSatisfying(NameTakenException.class, taken -> assertThat(taken.holder()).isEqualTo("Ann"));
        result(store.join(area, session(), name("Cy"), now, LIFETIMES));

        assertThat(holderOfKeyOf("Ann")).isEqualTo("Ann");
        assertThat(holderOfKeyOf("Bob")).isEqualTo("Bob");
        assertThat(holderOfKeyOf("Cy")).isEqualTo("Cy");
        assertThat(REDIS.command("HGET", base + "meta", "names")).isEqualTo(RedisAreaStore.idOf(FOLDED));
    }

    @Test
    void anAreaTheVersionBeforeTheIndexChangedIsIndexedAgain() throws Exception {
        result(store.join(area, session(), name("Ann"), now, LIFETIMES));
        // A node of that version lets "ANN" join: it writes the member and seq, and knows nothing of keys.
        SessionId other = session();
        REDIS.command("XADD", base + "log", "2-0", "e", "{\"type\":\"joined\",\"seq\":2,\"at\":" + now.toEpochMilli()
                + ",\"name\":\"ANN\",\"memberSeq\":2,\"activeAt\":" + now.toEpochMilli() + ",\"expiresAt\":"
                + now.plus(LIFETIMES.member()).toEpochMilli() + ",\"memberCount\":2}");
        REDIS.command("HSET", base + "members", "ANN", "2|" + now.toEpochMilli() + "|" + now.plus(LIFETIMES.member()).toEpochMilli()
                + "|" + other.value());
        REDIS.command("HSET", base + "sessions", other.value(), "ANN");
        REDIS.command("ZADD", base + "members-by-seq", "2", "ANN");
        REDIS.command("ZADD", base + "expiries", Long.toString(now.plus(LIFETIMES.member()).toEpochMilli()), "m:ANN");
        REDIS.command("HSET", base + "meta", "seq", "2", "indexed", "2");

        assertThatThrownBy(() -> result(store.join(area, session(), name("ann"), now, LIFETIMES)))
                .isInstanceOfSatisfying(NameTakenException.class,
                        taken -> assertThat(taken.holder()).isIn("Ann", "ANN"));
        result(store.leave(area, other, now));
        result(store.join(area, session(), name("Bob"), now, LIFETIMES));

        assertThat(REDIS.command("HGET", base + "meta", "keyed")).isEqualTo("4");
        assertThat(REDIS.command("HEXISTS", base + "names", "n:ANN")).isEqualTo("0");
    }

    @Test
    void anIndexBuiltWithOtherNameKeysIsBuiltAgain() throws Exception {
        // Name keys that also ignore digits: to them "Ann7" looks like "Ann"; not to FoldedNameKeys.
        NameKeys digitsIgnored = name -> FOLDED.keyOf(name).replaceAll("[0-9]", "");
        result(store.join(area, session(), name("Ann"), now, LIFETIMES));
        result(store.join(area, session(), name("Ann7"), now, LIFETIMES));

        try (RedisAdapters other = RedisAdapters.builder(settings).nameKeys(digitsIgnored).connect()) {
            assertThatThrownBy(() -> result(other.areaStore().join(area, session(), name("Ann8"), now, LIFETIMES)))
                    .isInstanceOfSatisfying(NameTakenException.class, taken -> assertThat(taken.holder()).isIn("Ann", "Ann7"));
            result(other.areaStore().join(area, session(), name("Bob"), now, LIFETIMES));
            assertThat(REDIS.command("HGET", base + "meta", "names")).isEqualTo(RedisAreaStore.idOf(digitsIgnored))
                    .isNotEqualTo(RedisAreaStore.idOf(FOLDED));
        }

        result(store.join(area, session(), name("Ann9"), now, LIFETIMES));
        assertThat(REDIS.command("HGET", base + "meta", "names")).isEqualTo(RedisAreaStore.idOf(FOLDED));
        assertThat(holderOfKeyOf("Ann7")).isEqualTo("Ann7");
    }
}
