package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TRATTORIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.Lunch.Person;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.memory.InMemoryAreaEvents;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.CatchUp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatchingUpTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aListenerThatMissedAFewEventsGetsThemReplayed() {
        Person ann = lunch.joined("Ann");
        long seen = lunch.snapshot().seq();
        ann.voteFor(TRATTORIA);
        ann.voteFor(NOODLES);

        CatchUp catchUp = result(lunch.app.catchUp(lunch.office, seen));

        assertThat(catchUp).isInstanceOfSatisfying(CatchUp.Replay.class, replay ->
                assertThat(replay.events()).extracting(AreaEvent::seq).containsExactly(2L, 3L));
    }

    @Test
    void aListenerThatMissedTooMuchGetsAFreshSnapshot() {
        Person ann = lunch.joined("Ann");
        for (int i = 0; i < InMemoryAreaEvents.DEFAULT_LOG_SIZE + 1; i++) {
            ann.voteFor(i % 2 == 0 ? TRATTORIA : NOODLES);
        }

        CatchUp catchUp = result(lunch.app.catchUp(lunch.office, 0));

        assertThat(catchUp).isInstanceOfSatisfying(CatchUp.Reset.class, reset ->
                assertThat(reset.snapshot().seq()).isEqualTo(InMemoryAreaEvents.DEFAULT_LOG_SIZE + 2));
    }

    @Test
    void aListenerFromBeforeTheAreaStartedAgainGetsAFreshSnapshot() {
        Person ann = lunch.joined("Ann");
        ann.voteFor(TRATTORIA);
        ann.voteFor(NOODLES);
        long seen = lunch.snapshot().seq();
        lunch.watch();
        lunch.laterBy(Duration.ofHours(5));
        lunch.joined("Bob");

        CatchUp catchUp = result(lunch.app.catchUp(lunch.office, seen));

        assertThat(catchUp).isInstanceOfSatisfying(CatchUp.Reset.class, reset ->
                assertThat(reset.snapshot().seq()).isEqualTo(1));
    }

    @Test
    void aNegativeSequenceNumberIsABadRequest() {
        assertThatThrownBy(() -> result(lunch.app.catchUp(lunch.office, -1)))
                .isInstanceOf(InvalidInputException.class);
    }
}
