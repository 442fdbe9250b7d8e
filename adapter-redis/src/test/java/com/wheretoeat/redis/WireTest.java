package com.wheretoeat.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events as the scripts write them, and as the version before member counts wrote them. */
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
}
