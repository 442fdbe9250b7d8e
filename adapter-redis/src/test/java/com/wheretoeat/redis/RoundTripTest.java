package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.port.AreaPlaces;
import com.wheretoeat.core.port.AreaStore;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every area operation is one round trip: the adapter sends exactly one command (EVALSHA) and
 * Redis counts exactly one script call, however many votes or places the area holds. Counted, not timed.
 */
class RoundTripTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Lifetimes LIFETIMES = Lifetimes.DEFAULT;

    private final ConcurrentLinkedQueue<String> sent = new ConcurrentLinkedQueue<>();
    private RedisAdapters redis;
    private AreaStore store;
    private final AreaName area = AreaName.of("round-trips");
    private Instant now;

    @BeforeEach
    void connect() {
        redis = RedisAdapters.connect(REDIS.freshSettings(), new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.add(event.getCommand().getType().toString());
            }
        });
        store = redis.areaStore();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    /** What one operation cost: the commands the adapter sent and Redis' top-level command counts. */
    private record Cost(List<String> sent, Map<String, Long> scriptCalls) {}

    private Cost measure(Supplier<?> operation) {
        try {
            Map<String, Long> before = REDIS.commandCalls();
            sent.clear();
            operation.get();
            List<String> commands = new ArrayList<>(sent);
            Map<String, Long> after = REDIS.commandCalls();
            Map<String, Long> scripts = new HashMap<>();
            for (String top : List.of("evalsha", "eval", "multi", "exec")) {
                scripts.put(top, after.getOrDefault(top, 0L) - before.getOrDefault(top, 0L));
            }
            return new Cost(commands, scripts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertOneScriptCall(Cost cost) {
        assertThat(cost.sent()).as("commands the adapter sent").containsExactly("EVALSHA");
        assertThat(cost.scriptCalls()).as("top-level calls Redis counted")
                .containsEntry("evalsha", 1L).containsEntry("eval", 0L).containsEntry("multi", 0L).containsEntry("exec", 0L);
    }

    @Test
    void joiningIsOneScriptCall() {
        assertOneScriptCall(measure(() -> result(store.join(area, session(), name("Ann"), now, LIFETIMES))));
    }

    @Test
    void castingMovingAndRetractingAVoteAreOneScriptCallEach() {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));

        assertOneScriptCall(measure(() -> result(store.vote(area, ann, TRATTORIA, now, LIFETIMES))));
        assertOneScriptCall(measure(() -> result(store.vote(area, ann, NOODLES, now, LIFETIMES))));
        assertOneScriptCall(measure(() -> result(store.retract(area, ann, now, LIFETIMES))));
    }

    @Test
    void leavingIsOneScriptCall() {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));

        assertOneScriptCall(measure(() -> result(store.leave(area, ann, now))));
    }

    @Test
    void aSnapshotOfFiftyVotesIsOneScriptCall() {
        for (int i = 0; i < 50; i++) {
            SessionId voter = session();
            result(store.join(area, voter, name("Voter " + i), now, LIFETIMES));
            result(store.vote(area, voter, i % 2 == 0 ? TRATTORIA : NOODLES, now, LIFETIMES));
        }
        AreaSnapshot[] snapshot = new AreaSnapshot[1];

        Cost cost = measure(() -> snapshot[0] = result(store.snapshot(area, now)));

        assertOneScriptCall(cost);
        assertThat(snapshot[0].votes()).hasSize(50);
    }

    @Test
    void aPageOfMembersIsOneScriptCall() {
        for (int i = 0; i < AreaSnapshot.MEMBER_PAGE + 20; i++) {
            result(store.join(area, session(), name("Member " + i), now, LIFETIMES));
        }
        List<MemberPage> pages = new ArrayList<>();

        assertOneScriptCall(measure(() -> pages.add(result(store.members(area, 10, now)))));

        assertThat(pages.get(0).members()).hasSize(AreaSnapshot.MEMBER_PAGE);
        assertThat(pages.get(0).more()).isTrue();
    }

    @Test
    void askingWhoASessionIsIsOneScriptCall() {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));

        assertOneScriptCall(measure(() -> result(store.member(area, ann, now))));
    }

    @Test
    void expiringIsOneScriptCall() {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        result(store.vote(area, ann, TRATTORIA, now, LIFETIMES));
        List<Optional<Instant>> next = new ArrayList<>();

        assertOneScriptCall(measure(() -> next.add(result(store.expire(area, now.plus(LIFETIMES.vote()))))));

        assertThat(next).containsExactly(Optional.of(now.plus(LIFETIMES.member())));
        assertThat(result(store.snapshot(area, now.plus(LIFETIMES.vote()))).seq()).as("the vote's expiry was announced")
                .isEqualTo(3);
    }

    @Test
    void settingTheDeadlineDecidingBreakingTheTieAndReadingTheHistoryAreOneScriptCallEach() {
        SessionId ann = session();
        SessionId bob = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        result(store.join(area, bob, name("Bob"), now, LIFETIMES));
        for (int i = 0; i < 48; i++) {
            SessionId voter = session();
            result(store.join(area, voter, name("Voter " + i), now, LIFETIMES));
            result(store.vote(area, voter, i % 2 == 0 ? TRATTORIA : NOODLES, now, LIFETIMES));
        }
        result(store.vote(area, ann, TRATTORIA, now, LIFETIMES));
        result(store.vote(area, bob, NOODLES, now, LIFETIMES));
        List<Decision> decisions = new ArrayList<>();

        assertOneScriptCall(measure(() -> result(store.setDeadline(area, ann, now.plusSeconds(600), now, LIFETIMES))));
        assertOneScriptCall(measure(() -> result(store.setDeadline(area, bob, null, now, LIFETIMES))));
        assertOneScriptCall(measure(() -> decisions.add(result(store.decide(area, ann, now, LIFETIMES)))));
        assertOneScriptCall(measure(() -> decisions.add(result(store.breakTie(area, bob, 3, now, LIFETIMES)))));
        assertOneScriptCall(measure(() -> decisions.addAll(result(store.history(area, now)))));

        assertThat(decisions.get(0).tie()).as("25 votes each").isTrue();
        assertThat(decisions.get(1).place()).isPresent();
        assertThat(decisions.get(2)).isEqualTo(decisions.get(1));
    }

    @Test
    void aDeadlineDecidingTheRoundInAnExpiryCheckIsOneScriptCall() {
        SessionId ann = session();
        result(store.join(area, ann, name("Ann"), now, LIFETIMES));
        result(store.vote(area, ann, TRATTORIA, now, LIFETIMES));
        result(store.setDeadline(area, ann, now.plusSeconds(60), now, LIFETIMES));

        assertOneScriptCall(measure(() -> result(store.expire(area, now.plus(Duration.ofMinutes(2))))));

        assertThat(result(store.history(area, now))).hasSize(1);
    }

    @Test
    void keepingFindingAndListingFiftyPlacesAreOneScriptCallEach() {
        AreaPlaces places = redis.areaPlaces();
        List<Venue> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(Venue.custom("Place " + i));
        }
        Instant until = now.plusSeconds(3600);
        List<List<Venue>> listed = new ArrayList<>();

        assertOneScriptCall(measure(() -> result(places.keep(area, fifty, now, until))));
        assertOneScriptCall(measure(() -> result(places.keep(area, List.of(TACOS), now, until.plusSeconds(60)))));
        assertOneScriptCall(measure(() -> result(places.find(area, TACOS.id(), now))));
        assertOneScriptCall(measure(() -> listed.add(result(places.all(area, now)))));

        assertThat(listed.get(0)).hasSize(51).startsWith(TACOS);
    }

    @Test
    void proposingAndReadingTheCentreAreOneScriptCallEach() {
        AreaPlaces places = redis.areaPlaces();
        Instant until = now.plusSeconds(3600);

        assertOneScriptCall(measure(() -> result(places.centre(area, new Coordinates(52.52, 13.405), now, until))));
        assertOneScriptCall(measure(() -> result(places.centre(area, null, now, until))));
    }

    @Test
    void catchingUpIsOneScriptCall() {
        result(store.join(area, session(), name("Ann"), now, LIFETIMES));

        assertOneScriptCall(measure(() -> result(redis.areaEvents().since(area, 0))));
    }
}
