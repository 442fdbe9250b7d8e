package com.wheretoeat.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rounds through the JSON API: decide, deadline, break-tie and history. */
class RoundsApiTest {
    private final Site site = new Site();
    private final Browser ann = site.browser();
    private final Browser bob = site.browser();

    private static Request post(String path, String json) {
        return Site.fromHere("POST", "/api/areas/office-3f/" + path).withBody("application/json", json);
    }

    private static Request post(String path) {
        return Site.fromHere("POST", "/api/areas/office-3f/" + path);
    }

    private void joinedAndVoted(Browser who, String name, String venueId) {
        assertThat(who.send(post("join", "{\"name\":\"" + name + "\"}")).status()).isEqualTo(200);
        assertThat(who.send(post("vote", "{\"venue\":{\"id\":\"" + venueId + "\"}}")).status()).isEqualTo(200);
    }

    @Test
    void aMemberDecidesEveryoneReadsTheDecisionAndTheNextRoundStartsEmpty() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        joinedAndVoted(bob, "Bob", "example:noodle-bar");

        Answer decided = bob.send(post("decide"));
        JsonNode snapshot = site.get("/api/areas/office-3f").json();
        JsonNode history = site.get("/api/areas/office-3f/history").json();

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().at("/decision/winners/0/name").asText()).isEqualTo("Noodle Bar");
        assertThat(decided.json().at("/decision/decidedBy").asText()).isEqualTo("Bob");
        assertThat(decided.json().at("/decision/tie").asBoolean()).isFalse();
        assertThat(decided.json().at("/decision/tally/0/votes").asInt()).isEqualTo(2);
        assertThat(snapshot.at("/round/number").asLong()).isEqualTo(2);
        assertThat(snapshot.at("/round/latest/round").asLong()).isEqualTo(1);
        assertThat(snapshot.get("votes")).isEmpty();
        assertThat(history.get("history")).hasSize(1);
        assertThat(history.at("/history/0")).isEqualTo(decided.json().get("decision"));
    }

    @Test
    void anEmptyRoundANonMemberAndABrokenTieAnswerTheirCodes() {
        assertThat(ann.send(post("join", "{\"name\":\"Ann\"}")).status()).isEqualTo(200);

        Answer empty = ann.send(post("decide"));
        Answer stranger = bob.send(post("decide"));
        Answer noTie = ann.send(post("break-tie"));

        assertThat(empty.status()).isEqualTo(409);
        assertThat(empty.json().at("/error/code").asText()).isEqualTo("nothing-to-decide");
        assertThat(stranger.status()).isEqualTo(409);
        assertThat(stranger.json().at("/error/code").asText()).isEqualTo("not-joined");
        assertThat(stranger.cookie("wte_session")).as("no session for a refusal").isEmpty();
        assertThat(noTie.status()).isEqualTo(409);
        assertThat(noTie.json().at("/error/code").asText()).isEqualTo("no-tie");
    }

    @Test
    void aTieIsBrokenByTheServersDraw() {
        joinedAndVoted(ann, "Ann", "example:noodle-bar");
        joinedAndVoted(bob, "Bob", "example:taco-stand");
        JsonNode tie = ann.send(post("decide")).json().get("decision");

        JsonNode drawn = bob.send(post("break-tie")).json().get("decision");

        assertThat(tie.get("tie").asBoolean()).isTrue();
        assertThat(tie.get("winners")).hasSize(2);
        assertThat(drawn.at("/drawn/id").asText()).isEqualTo(tie.at("/winners/" + Site.DRAW + "/id").asText());
        assertThat(drawn.at("/drawnBy").asText()).isEqualTo("Bob");
    }

    @Test
    void aDeadlineIsSetInMinutesOrAtATimeAndClearedAndABadOneIsRefused() {
        assertThat(ann.send(post("join", "{\"name\":\"Ann\"}")).status()).isEqualTo(200);

        JsonNode inTen = ann.send(post("deadline", "{\"inMinutes\":10}")).json();
        JsonNode atNoon = ann.send(post("deadline", "{\"at\":\"2026-11-20T12:00:00Z\"}")).json();
        JsonNode cleared = ann.send(post("deadline", "{\"at\":null}")).json();
        Answer past = ann.send(post("deadline", "{\"at\":\"2026-11-20T11:00:00Z\"}"));
        Answer garbage = ann.send(post("deadline", "{\"at\":\"noon\"}"));

        assertThat(inTen.at("/round/deadline").asText()).isEqualTo(site.clock.now().plus(Duration.ofMinutes(10)).toString());
        assertThat(atNoon.at("/round/deadline").asText()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(atNoon.at("/round/deadlineBy").asText()).isEqualTo("Ann");
        assertThat(cleared.at("/round/deadline").isMissingNode()).isTrue();
        assertThat(past.status()).isEqualTo(400);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().at("/error/message").asText()).contains("ISO-8601");
    }
}
