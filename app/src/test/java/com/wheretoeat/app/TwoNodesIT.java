package com.wheretoeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.redis.RedisServerExtension;
import com.wheretoeat.websocket.WhereToEatClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes of the built jar sharing one real redis-server that this test started. */
class TwoNodesIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static Predicate<JsonNode> event(String type, String area) {
        return m -> type.equals(m.path("type").asText()) && area.equals(m.path("area").asText());
    }

    private static WhereToEatClient connect(AppProcess node) throws Exception {
        return WhereToEatClient.to(node.live()).connect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void clientsOnTwoNodesSeeEachOthersChangesAndOtherAreasSeeNone() throws Exception {
        Map<String, String> shared = Map.of("REDIS_URL", REDIS.url());
        try (AppProcess nodeA = AppProcess.start(shared); AppProcess nodeB = AppProcess.start(shared)) {
            WhereToEatClient ann = connect(nodeA);
            WhereToEatClient bob = connect(nodeB);
            WhereToEatClient cy = connect(nodeB);
            cy.join("elsewhere", "Cy").get(10, TimeUnit.SECONDS);
            ann.join("office", "Ann").get(10, TimeUnit.SECONDS);

            bob.join("office", "Bob").get(10, TimeUnit.SECONDS);
            assertThat(ann.awaitMessage(event("member-joined", "office").and(m ->
                    "Bob".equals(m.path("member").path("name").asText())), WAIT)).isNotNull();

            ann.vote("Noodle Bar").get(10, TimeUnit.SECONDS);
            assertThat(bob.awaitMessage(event("vote-cast", "office"), WAIT).path("vote").path("voter").asText())
                    .isEqualTo("Ann");

            bob.vote("Taco Stand").get(10, TimeUnit.SECONDS);
            assertThat(ann.awaitMessage(event("vote-cast", "office").and(m ->
                    "Bob".equals(m.path("vote").path("voter").asText())), WAIT)).isNotNull();

            bob.leave().get(10, TimeUnit.SECONDS);
            assertThat(ann.awaitMessage(event("member-left", "office"), WAIT).path("name").asText()).isEqualTo("Bob");

            cy.vote("Sushi Go").get(10, TimeUnit.SECONDS);
            cy.awaitMessage(event("vote-cast", "elsewhere"), WAIT);
            ann.retract().get(10, TimeUnit.SECONDS);
            ann.awaitMessage(event("vote-retracted", "office"), WAIT);
            assertThat(cy.messages()).as("nothing of the office reaches another area")
                    .noneMatch(m -> "office".equals(m.path("area").asText()));
            assertThat(ann.messages()).as("nothing of another area reaches the office")
                    .noneMatch(m -> "elsewhere".equals(m.path("area").asText()));
        }
    }

    @Test
    void whenANodeDiesItsClientsResumeOnTheOtherWithoutLosingAVote() throws Exception {
        Map<String, String> shared = Map.of("REDIS_URL", REDIS.url());
        try (AppProcess nodeA = AppProcess.start(shared); AppProcess nodeB = AppProcess.start(shared)) {
            WhereToEatClient ann = connect(nodeA);
            WhereToEatClient bob = connect(nodeB);
            ann.join("lunch", "Ann").get(10, TimeUnit.SECONDS);
            bob.join("lunch", "Bob").get(10, TimeUnit.SECONDS);
            ann.vote("Noodle Bar").get(10, TimeUnit.SECONDS);
            long seen = ann.lastSeq();

            nodeA.kill();
            ann.awaitClose(WAIT);
            bob.vote("Noodle Bar").get(10, TimeUnit.SECONDS);

            WhereToEatClient annAgain = WhereToEatClient.to(nodeB.live()).session(ann.session())
                    .connect().get(10, TimeUnit.SECONDS);
            WhereToEatClient.Resumed resumed = annAgain.resume("lunch", "Ann", seen).get(10, TimeUnit.SECONDS);

            assertThat(resumed.you().name()).isEqualTo(Username.of("Ann"));
            AreaSnapshot after = annAgain.snapshot().get(10, TimeUnit.SECONDS);
            assertThat(after.voteOf(Username.of("Ann"))).map(v -> v.venue().name()).contains("Noodle Bar");
            assertThat(after.tally().leader()).map(line -> line.votes()).contains(2);
            assertThat(annAgain.awaitMessage(event("vote-cast", "lunch").and(m ->
                    "Bob".equals(m.path("vote").path("voter").asText())), WAIT))
                    .as("the vote made while Ann was away is replayed").isNotNull();
        }
    }

    @Test
    void aDeadlineDecidesExactlyOnceThoughTheNodeThatSetItDiesBeforeIt() throws Exception {
        Map<String, String> shared = Map.of("REDIS_URL", REDIS.url());
        try (AppProcess nodeA = AppProcess.start(shared); AppProcess nodeB = AppProcess.start(shared);
                AppProcess nodeC = AppProcess.start(shared)) {
            WhereToEatClient ann = connect(nodeA);
            WhereToEatClient bob = connect(nodeB);
            WhereToEatClient cy = connect(nodeC);
            ann.join("deadline", "Ann").get(10, TimeUnit.SECONDS);
            bob.join("deadline", "Bob").get(10, TimeUnit.SECONDS);
            cy.join("deadline", "Cy").get(10, TimeUnit.SECONDS);
            ann.vote("Noodle Bar").get(10, TimeUnit.SECONDS);
            bob.vote("Noodle Bar").get(10, TimeUnit.SECONDS);
            Instant deadline = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
            ann.deadline(deadline).get(10, TimeUnit.SECONDS);
            bob.awaitMessage(event("deadline-set", "deadline"), WAIT);
            cy.awaitMessage(event("deadline-set", "deadline"), WAIT);

            nodeA.kill(); // the node whose member set the deadline is gone before it comes

            JsonNode decided = bob.awaitMessage(event("round-decided", "deadline"), WAIT);
            cy.awaitMessage(event("round-decided", "deadline"), WAIT);
            assertThat(decided.at("/decision/decidedAt").asText()).isEqualTo(deadline.toString());
            assertThat(decided.at("/decision/decidedBy").isMissingNode()).as("the deadline decided").isTrue();
            assertThat(decided.at("/decision/winners/0/name").asText()).isEqualTo("Noodle Bar");
            // Nodes B and C both watched the deadline: one of them decided, and only once.
            bob.vote("Taco Stand").get(10, TimeUnit.SECONDS);
            cy.awaitMessage(event("vote-cast", "deadline").and(m -> "Bob".equals(m.at("/vote/voter").asText())), WAIT);
            assertThat(bob.messages()).filteredOn(event("round-decided", "deadline")).hasSize(1);
            assertThat(cy.messages()).filteredOn(event("round-decided", "deadline")).hasSize(1);
            assertThat(bob.history().get(10, TimeUnit.SECONDS)).hasSize(1);
            assertThat(bob.snapshot().get(10, TimeUnit.SECONDS).round().number()).isEqualTo(2);
        }
    }
}
