package com.wheretoeat.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.error.InvalidInputException;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.Coordinates;
import com.wheretoeat.core.model.Decision;
import com.wheretoeat.core.model.Member;
import com.wheretoeat.core.model.MemberPage;
import com.wheretoeat.core.model.Round;
import com.wheretoeat.core.model.Tally;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.model.Venue;
import com.wheretoeat.core.model.VenueId;
import com.wheretoeat.core.model.Vote;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreJsonTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
    private static final AreaName OFFICE = AreaName.of("office-3f");
    private static final Venue NOODLES = Venue.listed(VenueId.of("example:noodle-bar"), "Noodle Bar");
    private static final Venue TACOS = Venue.listed(VenueId.of("example:taco-stand"), "Taco Stand");

    private final ObjectMapper json = CoreJson.newMapper();

    private final Member ann = new Member(Username.of("Ann"), 1, NOON, NOON.plusSeconds(4 * 3600));
    private final Vote annsVote = new Vote(Username.of("Ann"), NOODLES, 2, NOON, NOON.plusSeconds(7200));

    @Test
    void aSnapshotHasAFlatReadableShape() throws Exception {
        AreaSnapshot snapshot = AreaSnapshot.of(OFFICE, 2, List.of(ann), List.of(annsVote));

        assertThat(json.writeValueAsString(snapshot)).isEqualTo("""
                {"area":"office-3f","seq":2,\
                "members":[{"name":"Ann","seq":1,"activeAt":"2026-11-20T12:00:00Z","expiresAt":"2026-11-20T16:00:00Z"}],"memberCount":1,\
                "votes":[{"voter":"Ann","venue":{"id":"example:noodle-bar","name":"Noodle Bar"},"seq":2,\
                "castAt":"2026-11-20T12:00:00Z","expiresAt":"2026-11-20T14:00:00Z"}],\
                "tally":[{"venue":{"id":"example:noodle-bar","name":"Noodle Bar"},"votes":1,"voters":["Ann"]}],\
                "round":{"number":1}}""");
    }

    @Test
    void aDecisionAndARoundHaveAFlatShapeAndReadBack() throws Exception {
        Decision tie = Decision.of(1, NOON, Username.of("Ann"),
                Tally.of(List.of(annsVote, new Vote(Username.of("Bob"), TACOS, 3, NOON, NOON.plusSeconds(7200)))));
        Decision drawn = tie.drawn(1, Username.of("Bob"));
        Round round = new Round(2, NOON.plusSeconds(900), Username.of("Bob"), drawn);

        String written = json.writeValueAsString(round);

        assertThat(written).startsWith("{\"number\":2,\"deadline\":\"2026-11-20T12:15:00Z\",\"deadlineBy\":\"Bob\","
                + "\"latest\":{\"round\":1,\"decidedAt\":\"2026-11-20T12:00:00Z\",\"decidedBy\":\"Ann\",\"tally\":[")
                .contains("\"tie\":true,\"drawn\":{\"id\":\"example:taco-stand\",\"name\":\"Taco Stand\"},\"drawnBy\":\"Bob\"}}")
                .doesNotContain("breakable", "place");
        assertThat(json.readValue(written, Round.class)).isEqualTo(round);
        assertThat(json.writeValueAsString(Decision.of(2, NOON, null, Tally.of(List.of(annsVote)))))
                .as("the deadline decided: no decidedBy").doesNotContain("decidedBy", "drawn");
    }

    @Test
    void aSnapshotReadsBackAsItWasWritten() throws Exception {
        AreaSnapshot snapshot = AreaSnapshot.of(OFFICE, 2, List.of(ann), List.of(annsVote));

        assertThat(json.readValue(json.writeValueAsString(snapshot), AreaSnapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void everyEventCarriesItsTypeAndReadsBack() throws Exception {
        List<AreaEvent> events = List.of(
                new AreaEvent.MemberJoined(OFFICE, 1, NOON, ann, 1),
                new AreaEvent.VoteCast(OFFICE, 2, NOON, annsVote),
                new AreaEvent.VoteMoved(OFFICE, 3, NOON, annsVote, VenueId.of("example:taco-stand")),
                new AreaEvent.VoteRetracted(OFFICE, 4, NOON, Username.of("Ann"), NOODLES.id()),
                new AreaEvent.MemberLeft(OFFICE, 5, NOON, Username.of("Ann"), 0),
                new AreaEvent.VoteExpired(OFFICE, 6, NOON, Username.of("Ann"), VenueId.of("example:taco-stand")),
                new AreaEvent.MemberExpired(OFFICE, 7, NOON, Username.of("Bob"), 0),
                new AreaEvent.PresenceBatch(OFFICE, 8, 10, NOON, 101, List.of(Username.of("Ann")), List.of(Username.of("Bob")), true),
                new AreaEvent.RoundDecided(OFFICE, 11, NOON, Decision.of(1, NOON, Username.of("Ann"), Tally.of(List.of(annsVote)))),
                new AreaEvent.DeadlineSet(OFFICE, 12, NOON, NOON.plusSeconds(600), Username.of("Ann")),
                new AreaEvent.DeadlineSet(OFFICE, 13, NOON, null, null));

        for (AreaEvent event : events) {
            String written = json.writeValueAsString(event);
            assertThat(json.readValue(written, AreaEvent.class)).isEqualTo(event);
        }
        assertThat(json.writeValueAsString(events.get(4))).isEqualTo(
                "{\"type\":\"member-left\",\"area\":\"office-3f\",\"seq\":5,\"at\":\"2026-11-20T12:00:00Z\",\"name\":\"Ann\","
                        + "\"memberCount\":0}");
        assertThat(json.writeValueAsString(events.get(2))).contains("\"type\":\"vote-moved\"", "\"from\":\"example:taco-stand\"");
        assertThat(json.writeValueAsString(events.get(5))).isEqualTo(
                "{\"type\":\"vote-expired\",\"area\":\"office-3f\",\"seq\":6,\"at\":\"2026-11-20T12:00:00Z\","
                        + "\"voter\":\"Ann\",\"venue\":\"example:taco-stand\"}");
        assertThat(json.writeValueAsString(events.get(6))).isEqualTo(
                "{\"type\":\"member-expired\",\"area\":\"office-3f\",\"seq\":7,\"at\":\"2026-11-20T12:00:00Z\",\"name\":\"Bob\","
                        + "\"memberCount\":0}");
        assertThat(json.writeValueAsString(events.get(7))).isEqualTo(
                "{\"type\":\"presence\",\"area\":\"office-3f\",\"from\":8,\"seq\":10,\"at\":\"2026-11-20T12:00:00Z\","
                        + "\"memberCount\":101,\"joined\":[\"Ann\"],\"left\":[\"Bob\"],\"complete\":true}");
    }

    @Test
    void aPageOfMembersSaysHowManyThereAreAndWhetherMoreFollow() throws Exception {
        MemberPage page = new MemberPage(List.of(ann), 250, true);

        String written = json.writeValueAsString(page);

        assertThat(written).isEqualTo("{\"members\":[{\"name\":\"Ann\",\"seq\":1,\"activeAt\":\"2026-11-20T12:00:00Z\","
                + "\"expiresAt\":\"2026-11-20T16:00:00Z\"}],\"memberCount\":250,\"more\":true}");
        assertThat(json.readValue(written, MemberPage.class)).isEqualTo(page);
    }

    @Test
    void aVenueWithEveryDetailKeepsThemAll() throws Exception {
        Venue full = Venue.custom("Zoë's <b>Kitchen</b>").withAddress("1 Rue de l'Église")
                .withLocation(new Coordinates(48.8566, 2.3522)).withCategory("French").withUrl("https://example.org/?a=1&b=2");

        String written = json.writeValueAsString(full);

        assertThat(written).contains("\"name\":\"Zoë's <b>Kitchen</b>\"", "\"location\":{\"latitude\":48.8566,\"longitude\":2.3522}");
        assertThat(json.readValue(written, Venue.class)).isEqualTo(full);
    }

    @Test
    void aVenueThatBreaksARuleIsABadRequestNamingTheRule() {
        String tooFarNorth = "{\"id\":\"custom:x\",\"name\":\"X\",\"location\":{\"latitude\":91,\"longitude\":0}}";

        assertThatThrownBy(() -> read(tooFarNorth, Venue.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The latitude must be a number from -90 to 90.");
        assertThatThrownBy(() -> read("{\"id\":\"custom:x\",\"name\":\"" + "n".repeat(101) + "\"}", Venue.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 100 characters");
    }

    @Test
    void malformedOrMistypedJsonIsABadRequest() {
        assertThatThrownBy(() -> read("{\"id\":", Venue.class))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> read("{\"id\":\"custom:x\",\"name\":\"X\",\"location\":\"north\"}", Venue.class))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("location"));
        assertThatThrownBy(() -> read("{\"name\":\"X\"}", Venue.class))
                .isInstanceOf(InvalidInputException.class).hasMessage("The venue id is missing.");
    }

    @Test
    void fieldsANewerPeerAddsAreIgnored() throws Exception {
        Venue venue = json.readValue("{\"id\":\"custom:x\",\"name\":\"X\",\"rating\":5}", Venue.class);

        assertThat(venue.name()).isEqualTo("X");
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw CoreJson.invalid(e);
        }
    }

    @Test
    void aVenueWithoutAnIdOrWithATypedPlacesIdAndANameIsTypedInAnyOtherIsListed() throws Exception {
        assertThat(CoreJson.isTypedPick(json.readTree("{\"name\":\"Pho\"}"))).isTrue();
        assertThat(CoreJson.isTypedPick(json.readTree("{\"id\":null,\"name\":\"Pho\"}"))).isTrue();
        assertThat(CoreJson.isTypedPick(json.readTree("{\"id\":\"custom:pho\",\"name\":\"Pho\"}"))).isTrue();
        assertThat(CoreJson.isTypedPick(json.readTree("{\"id\":\"custom:pho\"}"))).as("a typed place by its id").isFalse();
        assertThat(CoreJson.isTypedPick(json.readTree("{\"id\":\"osm:node-1\",\"name\":\"Evil\"}"))).isFalse();
    }
}
