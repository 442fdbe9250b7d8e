package com.wheretoeat.redis;

import static com.wheretoeat.core.contract.Sample.NOODLES;
import static com.wheretoeat.core.contract.Sample.TACOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events and decisions as the scripts write them, and as the version before member counts wrote them. */
class WireTest {
    private final AreaName area = AreaName.of("office");

    @Test
    void memberEventsCarryTheCountTheScriptWrote() {
        assertThat(Wire.event(area, """
                {"type":"joined","seq":7,"at":1000,"name":"Ann","memberSeq":7,"activeAt":1000,"expiresAt":2000,"memberCount":42}"""))
                .isInstanceOfSatisfying(AreaEvent.MemberJoined.class, e -> assertThat(e.memberCount()).isEqualTo(42));
        assertThat(Wire.event(area, """
                {"type":"left","seq":8,"at":1000,"name":"Ann","memberCount":41}"""))
                .isInstanceOfSatisfying(AreaEvent.MemberLeft.class, e -> assertThat(e.memberCount()).isEqualTo(41));
        assertThat(Wire.event(area, """
                {"type":"member-expired","seq":9,"at":1000,"name":"Bob","memberCount":40}"""))
                .isInstanceOfSatisfying(AreaEvent.MemberExpired.class, e -> assertThat(e.memberCount()).isEqualTo(40));
    }

    @Test
    void memberEventsLoggedBeforeThereWereCountsDecodeWithTheLeastCountTheyAllow() {
        AreaEvent joined = Wire.event(area, """
                {"type":"joined","seq":7,"at":1000,"name":"Ann","memberSeq":7,"activeAt":1000,"expiresAt":2000}""");
        AreaEvent left = Wire.event(area, """
                {"type":"left","seq":8,"at":1000,"name":"Ann"}""");
        AreaEvent expired = Wire.event(area, """
                {"type":"member-expired","seq":9,"at":1000,"name":"Bob"}""");

        assertThat(joined).isInstanceOfSatisfying(AreaEvent.MemberJoined.class, e -> {
            assertThat(e.memberCount()).as("the joiner at least").isEqualTo(1);
            assertThat(e.member().name()).isEqualTo(Username.of("Ann"));
            assertThat(e.member().expiresAt()).isEqualTo(Instant.ofEpochMilli(2000));
        });
        assertThat(left).isInstanceOfSatisfying(AreaEvent.MemberLeft.class, e -> assertThat(e.memberCount()).isZero());
        assertThat(expired).isInstanceOfSatisfying(AreaEvent.MemberExpired.class, e -> assertThat(e.memberCount()).isZero());
    }

    private static String tie(String draw) {
        return "{\"round\":4,\"at\":1000,\"by\":\"Ann\",\"tally\":[{\"venue\":" + Wire.venueJson(NOODLES)
                + ",\"voters\":[\"Ann\",\"Bob\"]},{\"venue\":" + Wire.venueJson(TACOS) + ",\"voters\":[\"Cy\",\"Di\"]}]" + draw + "}";
    }

    @Test
    void aDecisionIsItsRankedTallyAndTheWinnersAreTheLinesWithTheMostVoters() {
        Decision decision = Wire.decision(tie(""));
        Decision drawn = Wire.decision(tie(",\"drawn\":\"" + TACOS.id().value() + "\",\"drawnBy\":\"Di\""));

        assertThat(decision.round()).isEqualTo(4);
        assertThat(decision.decidedBy()).isEqualTo(Username.of("Ann"));
        assertThat(decision.tally().ranking()).extracting(TallyEntry::votes).containsExactly(2, 2);
        assertThat(decision.winners()).extracting(Venue::id).containsExactly(NOODLES.id(), TACOS.id());
        assertThat(decision.breakable()).isTrue();
        assertThat(drawn).isEqualTo(decision.drawn(1, Username.of("Di")));
        assertThat(Wire.decision("{\"round\":1,\"at\":1000,\"tally\":[{\"venue\":" + Wire.venueJson(TACOS)
                + ",\"voters\":[\"Cy\"]}],\"later\":\"ignored\"}").decidedBy()).as("the deadline decided").isNull();
    }

    @Test
    void aDecisionIsReadStrictly() {
        for (String damaged : List.of(tie(",\"drawn\":\"nowhere\",\"drawnBy\":\"Di\""), tie(",\"drawn\":7"),
                tie(",\"by\":5"), tie("").replace("\"round\":4", "\"round\":4.5"), tie("").replace("\"at\":1000", "\"at\":null"),
                tie("").replace("[\"Cy\",\"Di\"]", "[\"Cy\",\"Di\",\"Ed\"]"), tie("").replace("\"Cy\"", "null"))) {
            assertThatThrownBy(() -> Wire.decision(damaged)).as(damaged).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void roundEventsCarryTheDecisionOrTheDeadline() {
        assertThat(Wire.event(area, "{\"type\":\"round-decided\",\"seq\":9,\"at\":2000,\"decision\":" + tie("") + "}"))
                .isEqualTo(new AreaEvent.RoundDecided(area, 9, Instant.ofEpochMilli(2000), Wire.decision(tie(""))));
        String drawn = tie(",\"drawn\":\"" + NOODLES.id().value() + "\",\"drawnBy\":\"Di\"");
        assertThat(Wire.event(area, "{\"type\":\"tie-broken\",\"seq\":10,\"at\":2000,\"decision\":" + drawn + "}"))
                .isEqualTo(new AreaEvent.TieBroken(area, 10, Instant.ofEpochMilli(2000), Wire.decision(drawn)));
        assertThat(Wire.event(area, "{\"type\":\"deadline-set\",\"seq\":11,\"at\":2000,\"deadline\":9000,\"name\":\"Ann\"}"))
                .isEqualTo(new AreaEvent.DeadlineSet(area, 11, Instant.ofEpochMilli(2000), Instant.ofEpochMilli(9000),
                        Username.of("Ann")));
        assertThat(Wire.event(area, "{\"type\":\"deadline-set\",\"seq\":12,\"at\":2000,\"name\":\"Ann\"}"))
                .isEqualTo(new AreaEvent.DeadlineSet(area, 12, Instant.ofEpochMilli(2000), null, Username.of("Ann")));
        assertThat(Wire.event(area, "{\"type\":\"deadline-set\",\"seq\":13,\"at\":2000}"))
                .as("lapsed").isEqualTo(new AreaEvent.DeadlineSet(area, 13, Instant.ofEpochMilli(2000), null, null));
    }
}
