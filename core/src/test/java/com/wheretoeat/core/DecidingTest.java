package com.wheretoeat.core;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.NOODLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Decision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Specs of rounds through the facade: what the store cannot see alone. */
class DecidingTest {
    private final Lunch lunch = new Lunch();

    @Test
    void aDeadlineInAnAreaNobodyFollowsIsDecidedByTheFirstLookAfterIt() {
        Lunch.Person ann = lunch.joined("Ann");
        ann.voteFor(NOODLES);
        result(lunch.app.setDeadlineIn(ann.session, lunch.office, Duration.ofMinutes(15)));

        lunch.laterBy(Duration.ofMinutes(16)); // no node follows the area: no expiry watch runs
        AreaSnapshot seen = lunch.snapshot();

        assertThat(seen.round().number()).isEqualTo(2);
        Decision decided = seen.round().latest();
        assertThat(decided.decidedBy()).isNull();
        assertThat(decided.decidedAt()).isEqualTo(lunch.clock.now().minus(Duration.ofMinutes(1)));
        assertThat(result(lunch.app.history(lunch.office))).containsExactly(decided);
        assertThat(lunch.snapshot().seq()).as("a second look decides nothing more").isEqualTo(seen.seq());
    }

    @Test
    void aDeadlineMustBeAheadAndWithinADay() {
        Lunch.Person ann = lunch.joined("Ann");

        assertThatThrownBy(() -> result(lunch.app.setDeadline(ann.session, lunch.office, lunch.clock.now())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> result(lunch.app.setDeadlineIn(ann.session, lunch.office, Duration.ofHours(25))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(lunch.snapshot().round().deadline()).isNull();
    }

    @Test
    void aPageOfMembersAfterASequenceNumberNoStoreCanHoldIsABadRequest() {
        assertThatThrownBy(() -> result(lunch.app.members(lunch.office, 1_000_000_000_000_000L)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> result(lunch.app.members(lunch.office, -1)))
                .isInstanceOf(InvalidInputException.class);
    }
}
