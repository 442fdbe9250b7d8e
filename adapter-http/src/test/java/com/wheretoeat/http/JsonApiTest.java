package com.wheretoeat.http;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Username;
import org.junit.jupiter.api.Test;

class JsonApiTest {
    private final Site site = new Site();
    private final Browser ann = site.browser();
    private final Browser bob = site.browser();

    private static Request postJson(String path, String json) {
        return Site.fromHere("POST", path).withBody("application/json", json);
    }

    private void joined(Browser who, String name) {
        assertThat(who.send(postJson("/api/areas/office-3f/join", "{\"name\":\"" + name + "\"}")).status()).isEqualTo(200);
    }

    @Test
    void theSnapshotOfAnUnusedAreaIsEmpty() {
        JsonNode snapshot = site.get("/api/areas/office-3f").json();

        assertThat(snapshot.get("area").asText()).isEqualTo("office-3f");
        assertThat(snapshot.get("seq").asLong()).isZero();
        assertThat(snapshot.get("members")).isEmpty();
        assertThat(snapshot.get("tally")).isEmpty();
    }

    @Test
    void joiningAnswersWhoYouAreAndStartsASession() {
        Answer joined = ann.send(postJson("/api/areas/office-3f/join", "{\"name\":\"Ann\"}"));

        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.cookie("wte_session")).isPresent();
        assertThat(joined.json().at("/you/name").asText()).isEqualTo("Ann");
        assertThat(joined.json().at("/snapshot/members/0/name").asText()).isEqualTo("Ann");
    }

    @Test
    void aBigAreasSnapshotCountsEveryoneAndItsMembersComePageByPage() {
        for (int i = 0; i < 130; i++) {
            result(site.app.join(result(site.app.startSession()), AreaName.of("office-3f"), Username.of("Member " + i)));
        }

        JsonNode snapshot = site.get("/api/areas/office-3f").json();
        long last = snapshot.at("/members/99/seq").asLong();
        JsonNode next = members(String.valueOf(last)).json();
        JsonNode first = site.get("/api/areas/office-3f/members").json();

        assertThat(snapshot.get("members")).hasSize(100);
        assertThat(snapshot.get("memberCount").asInt()).isEqualTo(130);
        assertThat(next.get("members")).hasSize(30);
        assertThat(next.at("/members/0/name").asText()).isEqualTo("Member 100");
        assertThat(next.get("memberCount").asInt()).isEqualTo(130);
        assertThat(next.get("more").asBoolean()).isFalse();
        assertThat(first.get("members")).hasSize(100);
        assertThat(first.get("more").asBoolean()).isTrue();
    }

    @Test
    void aCursorThatIsNoWholeNumberIsABadRequest() {
        Answer refused = members("-3");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("bad-request");
        assertThat(refused.json().at("/error/message").asText()).contains("after", "seq");
        assertThat(members("x").status()).isEqualTo(400);
    }

    private Answer members(String after) {
        return site.send(Site.fromHere("GET", "/api/areas/office-3f/members").withQuery("after", after));
    }

    @Test
    void aMemberAsksWhoTheyAreInTheArea() {
        joined(ann, "<b>Ann</b>");

        Answer me = ann.send(Site.fromHere("GET", "/api/areas/office-3f/me"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/member/name").asText()).isEqualTo("<b>Ann</b>");
        assertThat(me.json().at("/member/seq").asLong()).isEqualTo(1);
        assertThat(me.json().at("/member/expiresAt").isTextual()).isTrue();
        assertThat(me.cookie("wte_session")).map(SetCookie::value).hasValue(ann.session());
    }

    @Test
    void aSessionThatHasNotJoinedIsNobodyInTheArea() {
        joined(ann, "Ann");

        JsonNode elsewhere = ann.send(Site.fromHere("GET", "/api/areas/team/me")).json();

        assertThat(elsewhere.has("member")).isTrue();
        assertThat(elsewhere.get("member").isNull()).isTrue();
    }

    @Test
    void askingWithoutASessionAnswersNobodyAndStartsNone() {
        Answer me = bob.send(Site.fromHere("GET", "/api/areas/office-3f/me"));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("member").isNull()).isTrue();
        assertThat(me.cookie("wte_session")).isEmpty();
    }

    @Test
    void aVoteForAListedPlaceIsCastAndMoved() {
        joined(ann, "Ann");

        JsonNode cast = ann.send(postJson("/api/areas/office-3f/vote",
                "{\"venue\":{\"id\":\"example:noodle-bar\",\"name\":\"Noodle Bar\"}}")).json();
        JsonNode moved = ann.send(postJson("/api/areas/office-3f/vote",
                "{\"venue\":{\"id\":\"example:taco-stand\",\"name\":\"Taco Stand\"}}")).json();

        assertThat(cast.at("/venue/id").asText()).isEqualTo("example:noodle-bar");
        assertThat(moved.at("/venue/id").asText()).isEqualTo("example:taco-stand");
        JsonNode snapshot = site.get("/api/areas/office-3f").json();
        assertThat(snapshot.at("/tally/0/venue/name").asText()).isEqualTo("Taco Stand");
        assertThat(snapshot.at("/tally/0/voters/0").asText()).isEqualTo("Ann");
        assertThat(snapshot.get("tally")).hasSize(1);
    }

    @Test
    void aListedPlaceIsTheServersWordWhateverNameAndUrlTheVoterSent() {
        joined(ann, "Ann");

        JsonNode vote = ann.send(postJson("/api/areas/office-3f/vote", "{\"venue\":{\"id\":\"example:noodle-bar\","
                + "\"name\":\"CLOSED - order at evil.example\",\"url\":\"https://evil.example/\"}}")).json();

        assertThat(vote.at("/venue/name").asText()).isEqualTo("Noodle Bar");
        assertThat(vote.at("/venue").has("url")).isFalse();
        assertThat(site.get("/api/areas/office-3f").json().at("/tally/0/venue/name").asText()).isEqualTo("Noodle Bar");
    }

    @Test
    void theFirstPointSearchedInAnAreaBecomesItsCentre() {
        JsonNode before = site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("query", "curry")).json();
        site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("lat", "52.5168").withQuery("lon", "13.399"));

        JsonNode after = site.send(Site.fromHere("GET", "/api/areas/office-3f/venues")).json();

        assertThat(before.has("centre")).isFalse();
        assertThat(before.get("liveUnavailable").asBoolean()).isFalse();
        assertThat(after.at("/centre/latitude").asDouble()).isEqualTo(52.5168);
        assertThat(after.at("/venues/0/name").asText()).as("searched around the centre").isEqualTo("Sushi Go");
    }

    @Test
    void aVenueWithoutAnIdIsOneTypedIn() {
        joined(ann, "Ann");

        JsonNode vote = ann.send(postJson("/api/areas/office-3f/vote", "{\"venue\":{\"name\":\"Pho Corner\"}}")).json();

        assertThat(vote.at("/venue/id").asText()).isEqualTo("custom:pho-corner");
        assertThat(vote.get("voter").asText()).isEqualTo("Ann");
    }

    @Test
    void retractingAnswersTheVoteTakenBack() {
        joined(ann, "Ann");
        ann.send(postJson("/api/areas/office-3f/vote", "{\"venue\":{\"name\":\"Pho Corner\"}}"));

        JsonNode first = ann.send(Site.fromHere("POST", "/api/areas/office-3f/retract")).json();
        JsonNode second = ann.send(Site.fromHere("POST", "/api/areas/office-3f/retract")).json();

        assertThat(first.get("retracted").asBoolean()).isTrue();
        assertThat(first.at("/vote/venue/name").asText()).isEqualTo("Pho Corner");
        assertThat(second.get("retracted").asBoolean()).isFalse();
        assertThat(second.has("vote")).isFalse();
    }

    @Test
    void leavingFreesTheName() {
        joined(ann, "Ann");

        Answer left = ann.send(Site.fromHere("POST", "/api/areas/office-3f/leave"));

        assertThat(left.json().get("left").asBoolean()).isTrue();
        joined(bob, "Ann");
    }

    @Test
    void aTakenNameIsAConflict() {
        joined(ann, "Ann");

        Answer refused = bob.send(postJson("/api/areas/office-3f/join", "{\"name\":\"Ann\"}"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("name-taken");
        assertThat(refused.json().at("/error/message").asText()).contains("already taken");
    }

    @Test
    void votingWithoutJoiningIsAConflict() {
        Answer refused = ann.send(postJson("/api/areas/office-3f/vote", "{\"venue\":{\"name\":\"Pho\"}}"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("not-joined");
        assertThat(refused.cookie("wte_session")).as("no session is started for it").isEmpty();
    }

    @Test
    void malformedJsonIsABadRequest() {
        Answer refused = ann.send(postJson("/api/areas/office-3f/join", "{\"name\": \"Ann\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("bad-request");
        assertThat(refused.json().at("/error/message").asText()).isNotBlank();
    }

    @Test
    void jsonThatIsNotAnObjectIsABadRequest() {
        Answer refused = ann.send(postJson("/api/areas/office-3f/join", "[1,2]"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The body must be a JSON object.");
    }

    @Test
    void aNameOfTheWrongTypeIsABadRequest() {
        Answer refused = ann.send(postJson("/api/areas/office-3f/join", "{\"name\": 42}"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The name must be a string.");
    }

    @Test
    void aVenueThatRefusesItselfSaysWhy() {
        joined(ann, "Ann");

        Answer refused = ann.send(postJson("/api/areas/office-3f/vote",
                "{\"venue\":{\"id\":\"no colon\",\"name\":\"X\"}}"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The venue id must look like source:key.");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsRefused() {
        Answer refused = ann.send(Site.fromHere("POST", "/api/areas/office-3f/join")
                .withBody("text/plain", "{\"name\":\"Ann\"}"));

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("unsupported-media-type");
    }

    @Test
    void aCallFromAForeignOriginIsRefused() {
        Answer refused = ann.send(postJson("/api/areas/office-3f/join", "{\"name\":\"Ann\"}")
                .withHeader("Origin", "https://evil.example"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("forbidden");
    }

    @Test
    void venuesAreSearchedNearAPointAndByText() {
        JsonNode near = site.send(Site.fromHere("GET", "/api/areas/office-3f/venues")
                .withQuery("lat", "52.5168").withQuery("lon", "13.3990").withQuery("limit", "2")).json();
        JsonNode matching = site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("query", "curry")).json();

        assertThat(near.get("venues")).hasSize(2);
        assertThat(near.at("/venues/0/name").asText()).isEqualTo("Sushi Go");
        assertThat(matching.at("/venues/0/id").asText()).isEqualTo("example:curry-house");
    }

    @Test
    void aLatitudeThatIsNotANumberIsABadRequest() {
        Answer refused = site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("lat", "north").withQuery("lon", "1"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("The latitude must be a number from -90 to 90.");
    }

    @Test
    void aLatitudeOutOfRangeOrAMissingLongitudeIsABadRequest() {
        assertThat(site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("lat", "91").withQuery("lon", "1")).status())
                .isEqualTo(400);
        assertThat(site.send(Site.fromHere("GET", "/api/areas/office-3f/venues").withQuery("lat", "50")).json()
                .at("/error/message").asText()).isEqualTo("Give both lat and lon, or neither.");
    }

    @Test
    void anInvalidAreaIsABadRequestInJson() {
        Answer refused = site.get("/api/areas/" + Browser.encode("Bad Area!"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("bad-request");
    }
}
