package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Username;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** When delivery between nodes was interrupted, the server brings its clients up to date itself. */
class InterruptionTest {

    @Test
    void afterAnInterruptionEveryClientStartsAgainFromAFreshSnapshotThenHearsWhatFollows() {
        try (LiveArea live = new LiveArea()) {
            WhereToEatClient ann = live.joined("office-3f", "Ann");
            WhereToEatClient bob = live.joined("office-3f", "Bob");
            CompletableFuture<AreaSnapshot> bobsReset = new CompletableFuture<>();
            bob.onReset(bobsReset::complete);

            live.events.simulate(Fault.DOWN);
            result(ann.vote("Noodle Bar"), WAIT);
            live.events.simulate(Fault.NONE);

            AreaSnapshot fresh = result(bobsReset, WAIT);
            assertThat(fresh.voteOf(Username.of("Ann"))).as("the vote Bob missed").isPresent();
            assertThat(bob.lastSeq()).isEqualTo(fresh.seq());
            result(ann.retract(), WAIT);
            JsonNode retracted = bob.awaitMessage(ofType("vote-retracted"), WAIT);
            assertThat(retracted.path("seq").asLong()).isEqualTo(fresh.seq() + 1);
            List<JsonNode> seen = bob.messages();
            assertThat(seen.stream().filter(ofType("vote-cast")))
                    .as("the lost event is not delivered late on top of the snapshot").isEmpty();
        }
    }
}
