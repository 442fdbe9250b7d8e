package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.contract.Await;
import com.wheretoeat.core.error.UnavailableException;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.CatchUp;
import com.wheretoeat.core.model.Vote;
import com.wheretoeat.core.port.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FollowingAnAreaTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aFollowerGetsWhatItMissedThenEveryEventInOrder() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);

        Follower follower = follow(1);
        Person bob = lunch.joined("Bob");
        bob.voteFor(NOODLES);

        assertThat(follower.log).containsExactly("caught up: 2", "event 3 member-joined", "event 4 vote-cast");
    }

    @Test
    void aFollowerOfAnAreaNobodyUsedStartsFromNothing() {
        Follower follower = follow(0);
        lunch.joined("Ann");

        assertThat(follower.log).containsExactly("caught up:", "event 1 member-joined");
    }

    @Test
    void aFollowerThatMissedTooMuchStartsFromASnapshot() {
        Person ann = lunch.joined("Ann");
        for (int i = 0; i <= InMemoryAreaEvents.DEFAULT_LOG_SIZE; i++) {
            ann.voteFor(i % 2 == 0 ? TRATTORIA : NOODLES);
        }
        long latest = lunch.snapshot().seq();

        Follower follower = follow(0);
        ann.retract();

        assertThat(follower.log).containsExactly("snapshot: " + latest, "event " + (latest + 1) + " vote-retracted");
    }

    @Test
    void afterDeliveryWasInterruptedAFollowerStartsAgainFromAFreshSnapshot() {
        Person ann = lunch.joined("Ann");
        Follower follower = follow(1);

        lunch.events.simulate(Fault.DOWN);
        ann.voteFor(TRATTORIA); // lost on the way
        lunch.events.simulate(Fault.NONE);
        ann.voteFor(NOODLES);

        assertThat(follower.log).containsExactly("caught up:", "reset: 2", "event 3 vote-moved");
        assertThat(follower.resets.get(0).votes()).singleElement()
                .satisfies(vote -> assertThat(vote.venue()).isEqualTo(TRATTORIA));
    }

    @Test
    void aFreshSnapshotThatFailsIsTriedAgainUntilItSucceeds() {
        Person ann = lunch.joined("Ann");
        Follower follower = follow(1);
        lunch.events.simulate(Fault.DOWN);
        ann.voteFor(TRATTORIA);
        lunch.store.simulate(Fault.DOWN);
        lunch.events.simulate(Fault.NONE);
        lunch.laterBy(Duration.ofSeconds(2)); // tried again a few times, backing off: still down

        assertThat(follower.log).containsExactly("caught up:");
        lunch.store.simulate(Fault.NONE);
        lunch.laterBy(Duration.ofSeconds(15)); // the longest pause: 10 s, jittered by up to half

        assertThat(follower.log).containsExactly("caught up:", "reset: 2");
    }

    @Test
    void aGapInDeliveryIsHealedByAFreshSnapshot() {
        Person ann = lunch.joined("Ann");
        Follower follower = follow(1);
        Vote vote = ann.voteFor(TRATTORIA);

        // An event from the future: 3 and 4 went missing on the way.
        lunch.events.publish(new AreaEvent.VoteMoved(lunch.office, 5, lunch.clock.now(), vote, NOODLES.id()));

        assertThat(follower.log).containsExactly("caught up:", "event 2 vote-cast", "reset: 2");
    }

    @Test
    void anAreaThatWasForgottenAndStartsAgainIsAReset() {
        lunch.joined("Ann").voteFor(NOODLES);
        Follower follower = follow(2);

        lunch.laterBy(Duration.ofHours(5)); // everything expires and the area is forgotten
        lunch.joined("Bob");

        assertThat(follower.log).containsExactly("caught up:", "event 3 vote-expired", "event 4 member-expired",
                "reset: 1");
        assertThat(follower.resets.get(0).members()).extracting(m -> m.name().value()).containsExactly("Bob");
    }

    @Test
    void eventsRacingTheCatchUpAreNeitherLostNorRepeated() throws Exception {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.add(lunch.joined("Person " + i));
        }
        ExecutorService voters = Executors.newFixedThreadPool(4);
        AtomicBoolean voting = new AtomicBoolean(true);
        List<Future<?>> running = new ArrayList<>();
        for (Person person : people) {
            running.add(voters.submit(() -> {
                for (int round = 0; voting.get() && round < 500; round++) {
                    person.voteFor(round % 2 == 0 ? TRATTORIA : NOODLES);
                }
            }));
        }
        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            followers.add(follow(4));
        }
        voting.set(false);
        for (Future<?> run : running) {
            run.get();
        }
        voters.shutdown();
        long latest = lunch.snapshot().seq();

        for (Follower follower : followers) {
            assertThat(follower.resets).isEmpty();
            assertThat(follower.seen()).as("every sequence number once, in order")
                    .isEqualTo(range(follower.startsAfter + 1, latest));
        }
    }

    @Test
    void anInterruptionDuringTheCatchUpResetsOnlyAfterIt() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);
        lunch.store.simulate(Fault.HUNG); // the catch-up needs a snapshot (999 is beyond the log), which waits
        Follower follower = new Follower();
        var following = lunch.app.follow(lunch.office, 999, follower);

        lunch.events.simulate(Fault.DOWN);
        lunch.events.simulate(Fault.NONE); // delivery interrupted and back while the catch-up waits
        lunch.store.simulate(Fault.NONE);
        follower.subscription = result(following);

        assertThat(follower.log).containsExactly("snapshot: 2", "reset: 2");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, not hangs
    void resetsWhileOtherThreadsDeliverNeitherDeadlockNorLoseTrack() throws Exception {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            people.add(lunch.joined("Voter " + i));
        }
        Follower follower = follow(3);
        ExecutorService voters = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (Person person : people) {
            running.add(voters.submit(() -> {
                for (int round = 0; round < 300; round++) {
                    person.voteFor(round % 2 == 0 ? TRATTORIA : NOODLES);
                }
            }));
        }
        for (int i = 0; i < 50; i++) {
            lunch.events.simulate(Fault.DOWN);
            lunch.events.simulate(Fault.NONE); // every follower resets, while the voters deliver
        }
        for (Future<?> run : running) {
            run.get(20, java.util.concurrent.TimeUnit.SECONDS); // a deadlock would stop them here
        }
        voters.shutdown();
        lunch.events.simulate(Fault.DOWN);
        lunch.events.simulate(Fault.NONE);
        long latest = lunch.snapshot().seq();

        Await.until(() -> follower.holds() == latest, "the follower catches up with " + latest);
    }

    @Test
    void aFollowThatCannotCatchUpFailsAndDeliversNothing() {
        lunch.joined("Ann");
        lunch.events.simulate(Fault.DOWN);
        Follower follower = new Follower();

        assertThatThrownBy(() -> result(lunch.app.follow(lunch.office, 1, follower)))
                .isInstanceOf(UnavailableException.class);
        lunch.events.simulate(Fault.NONE);
        lunch.joined("Bob");
        assertThat(follower.log).isEmpty();
    }

    @Test
    void closingStopsDelivery() {
        Follower follower = follow(0);
        follower.subscription.close();

        lunch.joined("Ann");

        assertThat(follower.log).containsExactly("caught up:");
    }

    private Follower follow(long afterSeq) {
        Follower follower = new Follower();
        follower.startsAfter = afterSeq;
        follower.subscription = result(lunch.app.follow(lunch.office, afterSeq, follower));
        return follower;
    }

    private static List<Long> range(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            all.add(seq);
        }
        return all;
    }

    /** Writes down what it is handed, in order. */
    private final class Follower implements AreaFollower {
        final List<String> log = new ArrayList<>();
        final List<AreaSnapshot> resets = new ArrayList<>();
        private final List<Long> seqs = new ArrayList<>();
        /** Where the follower's own count starts: after the catch-up's snapshot, or after what it asked for. */
        long startsAfter;
        Subscription subscription;

        @Override
        public synchronized void onCaughtUp(CatchUp missed) {
            if (missed instanceof CatchUp.Replay replay) {
                StringBuilder line = new StringBuilder("caught up:");
                replay.events().forEach(event -> {
                    line.append(' ').append(event.seq());
                    seqs.add(event.seq());
                });
                log.add(line.toString());
            } else {
                startsAfter = ((CatchUp.Reset) missed).snapshot().seq();
                log.add("snapshot: " + startsAfter);
            }
        }

        @Override
        public synchronized void onEvent(AreaEvent event) {
            log.add("event " + event.seq() + " " + kind(event));
            seqs.add(event.seq());
        }

        @Override
        public synchronized void onReset(AreaSnapshot snapshot) {
            log.add("reset: " + snapshot.seq());
            resets.add(snapshot);
        }

        synchronized List<Long> seen() {
            return List.copyOf(seqs);
        }

        /** The sequence number of the state this follower holds now. */
        synchronized long holds() {
            long held = startsAfter;
            for (String line : log) {
                String[] words = line.split(" ");
                if (line.startsWith("event ")) {
                    held = Long.parseLong(words[1]);
                } else if (line.startsWith("reset: ") || line.startsWith("snapshot: ")) {
                    held = Long.parseLong(words[1]);
                } else if (line.startsWith("caught up:") && words.length > 2) {
                    held = Long.parseLong(words[words.length - 1]);
                }
            }
            return held;
        }

        private String kind(AreaEvent event) {
            return event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        }
    }
}
