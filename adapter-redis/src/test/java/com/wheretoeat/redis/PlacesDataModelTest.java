package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.port.AreaPlaces;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the places adapter leaves in Redis: three keys under the area's hash tag whatever the
 * places are called, keys Redis reclaims a day after the latest place, and damaged entries that
 * are skipped without breaking the area.
 */
class PlacesDataModelTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters adapters = new TestAdapters(REDIS::freshSettings);

    private static final Coordinates BERLIN = new Coordinates(52.52, 13.405);
    private static final long DAY = Duration.ofDays(1).toMillis();

    private RedisAdapters redis;
    private AreaPlaces places;
    private String base;
    private final AreaName area = AreaName.of("office-3f");
    private Instant now;

    @BeforeEach
    void connect() {
        redis = adapters.open();
        places = redis.areaPlaces();
        base = redis.settings().keyPrefix() + ":area:{office-3f}:";
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }


    @Test
    void placesAndTheCentreAreThreeKeysOfTheAreaWhateverThePlacesAreCalled() throws Exception {
        List<Venue> tricky = List.of(Venue.custom("{office-3f}"), Venue.custom("x}:places"),
                Venue.custom("<script>alert('{x}')</script>"), Venue.custom("🍕 bob:centre"));
        result(places.keep(area, tricky, now, now.plusSeconds(60)));
        result(places.centre(area, BERLIN, now, now.plusSeconds(60)));

        List<String> keys = REDIS.keys(redis.settings().keyPrefix());
        assertThat(keys).containsExactlyInAnyOrder(base + "places", base + "places-until", base + "centre");
        assertThat(keys).allSatisfy(key -> assertThat(SlotHash.getSlot(key)).as(key)
                .isEqualTo(SlotHash.getSlot(base + "meta")));
        assertThat(result(places.all(area, now))).containsExactlyInAnyOrderElementsOf(tricky);
    }

    @Test
    void anAreaNameThatCouldLeaveTheHashTagNeverBecomesAKey() {
        // The hash tag is only as safe as AreaName: these never reach AreaKeys.
        for (String name : List.of("a}b", "{a", "a:b", "<b>a</b>", "a}:{b")) {
            assertThatThrownBy(() -> AreaName.of(name)).as(name).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aDamagedPlaceIsSkippedAndTheOthersAreStillAnswered() throws Exception {
        result(places.keep(area, List.of(TRATTORIA, NOODLES), now, now.plusSeconds(60)));
        String future = Long.toString(now.plusSeconds(120).toEpochMilli());
        damage("custom:garbage", "{not json", future);
        damage("custom:nameless", "{\"id\":\"custom:nameless\",\"name\":\"\"}", future);
        damage("custom:elsewhere", "{\"id\":\"custom:other\",\"name\":\"Imposter\"}", future);
        damage("custom:scripted", "{\"id\":\"custom:scripted\",\"name\":\"X\",\"url\":\"javascript:alert(1)\"}", future);

        assertThat(result(places.find(area, TRATTORIA.id(), now))).contains(TRATTORIA);
        assertThat(result(places.find(area, VenueId.of("custom:garbage"), now))).isEmpty();
        assertThat(result(places.all(area, now))).containsExactly(NOODLES, TRATTORIA);

        result(places.keep(area, List.of(TACOS), now, now.plusSeconds(30)));
        assertThat(result(places.all(area, now))).containsExactly(NOODLES, TRATTORIA, TACOS);
    }

    private void damage(String id, String value, String until) throws Exception {
        REDIS.command("HSET", base + "places", id, value);
        REDIS.command("ZADD", base + "places-until", until, id);
    }

    @Test
    void aPlaceWhoseTimeWasLostIsForgottenByTheNextKeep() throws Exception {
        result(places.keep(area, List.of(TRATTORIA, NOODLES), now, now.plusSeconds(60)));
        REDIS.command("DEL", base + "places-until");

        assertThat(result(places.all(area, now))).isEmpty();
        result(places.keep(area, List.of(TACOS), now, now.plusSeconds(60)));

        assertThat(REDIS.command("HKEYS", base + "places")).isEqualTo(TACOS.id().value() + "\n");
        assertThat(result(places.all(area, now))).containsExactly(TACOS);
    }

    @Test
    void oneKeepOfTooManyPlacesKeepsTheBound() throws Exception {
        List<Venue> many = new ArrayList<>();
        for (int i = 0; i < 2 * AreaPlaces.MAX_PLACES; i++) {
            many.add(Venue.custom("Place " + i));
        }

        result(places.keep(area, many, now, now.plusSeconds(60)));

        assertThat(result(places.all(area, now))).hasSize(AreaPlaces.MAX_PLACES);
        assertThat(REDIS.command("HLEN", base + "places")).isEqualTo(Integer.toString(AreaPlaces.MAX_PLACES));
    }

    @Test
    void redisReclaimsTheKeysADayAfterTheLatestPlaceOrCentre() throws Exception {
        result(places.keep(area, List.of(TRATTORIA), now, now.plusSeconds(7200)));
        result(places.keep(area, List.of(NOODLES), now, now.plusSeconds(3600)));
        result(places.centre(area, BERLIN, now, now.plusSeconds(600)));

        assertTtlAbout(base + "places", 7_200_000 + DAY);
        assertTtlAbout(base + "places-until", 7_200_000 + DAY);
        assertTtlAbout(base + "centre", 600_000 + DAY);
    }

    /** The key's time to live is {@code expected}, less what passed since the script set it. */
    private static void assertTtlAbout(String key, long expected) throws Exception {
        assertThat(Long.parseLong(REDIS.command("PTTL", key))).as(key).isBetween(expected - 60_000, expected);
    }

    @Test
    void aCallerClockTwoDaysBehindRedisStillKeepsItsPlacesAndCentre() throws Exception {
        Instant behind = now.minus(Duration.ofDays(2));

        result(places.keep(area, List.of(TRATTORIA), behind, behind.plusSeconds(3600)));
        result(places.centre(area, BERLIN, behind, behind.plusSeconds(3600)));

        assertThat(result(places.all(area, behind))).containsExactly(TRATTORIA);
        assertThat(result(places.centre(area, null, behind, behind.plusSeconds(3600)))).contains(BERLIN);
        assertTtlAbout(base + "places", 3_600_000 + DAY);
    }

    @Test
    void readingAnUnknownAreaAndForgettingEverythingLeaveNoKeys() throws Exception {
        assertThat(result(places.all(area, now))).isEmpty();
        assertThat(result(places.find(area, TACOS.id(), now))).isEmpty();
        assertThat(result(places.centre(area, null, now, now.plusSeconds(60)))).isEmpty();
        assertThat(REDIS.keys(redis.settings().keyPrefix())).isEmpty();

        result(places.keep(area, List.of(TACOS), now, now.plusSeconds(60)));
        result(places.centre(area, BERLIN, now, now.plusSeconds(60)));
        Instant over = now.plusSeconds(60);
        result(places.keep(area, List.of(), over, over.plusSeconds(60)));
        result(places.centre(area, null, over, over.plusSeconds(60)));

        assertThat(REDIS.keys(redis.settings().keyPrefix())).isEmpty();
    }

    @Test
    void aDamagedCentreCountsAsNoneAndAProposalReplacesIt() throws Exception {
        result(places.centre(area, BERLIN, now, now.plusSeconds(60)));
        REDIS.command("HSET", base + "centre", "lat", "north");

        assertThat(result(places.centre(area, null, now, now.plusSeconds(60)))).isEmpty();
        Coordinates paris = new Coordinates(48.85, 2.35);
        assertThat(result(places.centre(area, paris, now, now.plusSeconds(60)))).contains(paris);
        assertThat(result(places.centre(area, BERLIN, now, now.plusSeconds(60)))).contains(paris);
    }
}
