package com.wheretoeat.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Tally;
import com.wheretoeat.core.model.TallyEntry;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.VenueId;
import java.util.List;

/**
 * Teaches Jackson the core's values without annotating the core: single-value records travel
 * as their string, a tally as its ranking, events with a {@code type} tag.
 */
final class CoreValuesModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    CoreValuesModule() {
        super("where-to-eat-core");
        setMixInAnnotation(AreaName.class, AreaNameJson.class);
        setMixInAnnotation(Username.class, UsernameJson.class);
        setMixInAnnotation(VenueId.class, VenueIdJson.class);
        setMixInAnnotation(Tally.class, TallyJson.class);
        setMixInAnnotation(AreaEvent.class, AreaEventJson.class);
    }

    abstract static class AreaNameJson {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        AreaNameJson(String value) {}

        @JsonValue
        abstract String value();
    }

    abstract static class UsernameJson {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        UsernameJson(String value) {}

        @JsonValue
        abstract String value();
    }

    abstract static class VenueIdJson {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        VenueIdJson(String value) {}

        @JsonValue
        abstract String value();
    }

    abstract static class TallyJson {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        TallyJson(List<TallyEntry> ranking) {}

        @JsonValue
        abstract List<TallyEntry> ranking();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = AreaEvent.MemberJoined.class, name = "member-joined"),
        @JsonSubTypes.Type(value = AreaEvent.MemberLeft.class, name = "member-left"),
        @JsonSubTypes.Type(value = AreaEvent.VoteCast.class, name = "vote-cast"),
        @JsonSubTypes.Type(value = AreaEvent.VoteMoved.class, name = "vote-moved"),
        @JsonSubTypes.Type(value = AreaEvent.VoteRetracted.class, name = "vote-retracted"),
        @JsonSubTypes.Type(value = AreaEvent.MemberExpired.class, name = "member-expired"),
        @JsonSubTypes.Type(value = AreaEvent.VoteExpired.class, name = "vote-expired"),
        @JsonSubTypes.Type(value = AreaEvent.PresenceBatch.class, name = "presence"),
        @JsonSubTypes.Type(value = AreaEvent.RoundDecided.class, name = "round-decided"),
        @JsonSubTypes.Type(value = AreaEvent.DeadlineSet.class, name = "deadline-set"),
        @JsonSubTypes.Type(value = AreaEvent.TieBroken.class, name = "tie-broken")
    })
    interface AreaEventJson {}
}
