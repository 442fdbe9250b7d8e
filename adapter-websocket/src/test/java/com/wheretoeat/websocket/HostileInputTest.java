package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.error.ErrorCode;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.Joined;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whatever a client sends, it gets a clear answer or a clean close, and nobody else notices. */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LiveArea live = new LiveArea();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void malformedJsonGetsABadRequestAndTheConnectionStaysUsable() {
        WhereToEatClient ann = live.connect();

        ann.sendRaw("{\"type\": \"join\", \"id\": ");

        JsonNode error = ann.awaitMessage(ofType("error"), WAIT);
        assertThat(error.path("code").asText()).isEqualTo("bad-request");
        assertThat(error.has("id")).isFalse();
        assertThat(result(ann.join("office-3f", "Ann"), WAIT).you().name().value()).isEqualTo("Ann");
    }

    @Test
    void anUnknownTypeIsABadRequestNamingTheRequestsId() {
        WhereToEatClient ann = live.connect();

        assertBadRequest(ann.request(request("dance")), "type");
        assertThat(ann.messages()).last().satisfies(reply -> assertThat(reply.path("id").asText()).isNotEmpty());
    }

    @Test
    void missingOrWronglyTypedFieldsAreBadRequestsNamingTheField() {
        WhereToEatClient ann = live.connect();

        assertBadRequest(ann.request(request("join").put("area", "office-3f")), "name");
        assertBadRequest(ann.request(request("join").put("area", 42).put("name", "Ann")), "area");
        assertBadRequest(ann.request(request("join").put("area", "../etc").put("name", "Ann")), "area");
        assertBadRequest(ann.request(request("resume").put("area", "office-3f").put("name", "Ann").put("seq", -1)), "seq");
        assertBadRequest(ann.request(request("resume").put("area", "office-3f").put("name", "Ann").put("seq", "7")), "seq");
        result(ann.join("office-3f", "Ann"), WAIT);
        assertBadRequest(ann.request(request("vote")), "venue");
        assertBadRequest(ann.request(request("vote").put("venue", 5)), "venue");
        assertBadRequest(ann.request(request("vote").set("venue", JSON.createObjectNode().put("id", 7))), "venue.id");
        ObjectNode neverListed = request("vote");
        neverListed.putObject("venue").put("id", "osm:1").put("name", "Pho").putObject("location").put("latitude", 91).put("longitude", 0);
        assertBadRequest(ann.request(neverListed), "venue.id");
        assertBadRequest(ann.request(request("deadline")), "at");
        assertBadRequest(ann.request(request("deadline").put("at", 12)), "at");
        assertBadRequest(ann.request(request("deadline").put("at", "2026-13-45T25:00:00Z")), "at");
        assertBadRequest(ann.request(request("deadline").put("inMinutes", "15")), "inMinutes");
        assertBadRequest(ann.request(request("deadline").put("inMinutes", 1e12)), "inMinutes");
        assertBadRequest(ann.request(request("deadline").put("inMinutes", 0)), "inMinutes");
        assertBadRequest(ann.request(request("deadline").put("at", "2026-11-19T11:45:00Z")), "deadline");
        assertBadRequest(ann.request(request("members").put("after", "x")), "after");
        // 2^64 + 15 is no long: it must not wrap to 15 minutes; a seq beyond what a store holds exactly is refused.
        assertBadRequest(ann.request(request("deadline").put("inMinutes", new BigInteger("18446744073709551631"))),
                "inMinutes");
        assertBadRequest(ann.request(request("members").put("after", Long.MAX_VALUE)), "after");
        assertThat(result(ann.snapshot(), WAIT).round().deadline()).as("nothing was set").isNull();
    }

    @Test
    void aRequestWithoutAnIdIsRefusedWithoutOne() {
        WhereToEatClient ann = live.connect();

        ann.sendRaw("{\"type\":\"snapshot\"}");
        ann.sendRaw("{\"type\":\"snapshot\",\"id\":{\"nested\":true}}");

        JsonNode missing = ann.awaitMessage(m -> m.path("field").asText().equals("id"), WAIT);
        assertThat(missing.path("code").asText()).isEqualTo("bad-request");
        assertThat(missing.has("id")).isFalse();
        assertThat(ann.awaitMessages(3, WAIT).subList(1, 3)).allSatisfy(error -> assertThat(error.has("id")).isFalse());
    }

    @Test
    void requestsBeforeJoiningAnswerNotJoined() {
        WhereToEatClient ann = live.connect();

        for (String type : new String[] {"vote", "retract", "snapshot", "members", "leave", "decide", "break-tie",
                "history"}) {
            ObjectNode request = request(type).put("venue", "Noodle Bar");
            assertThatThrownBy(() -> result(ann.request(request), WAIT))
                    .isInstanceOfSatisfying(ErrorReplyException.class, e -> {
                        assertThat(e.wireCode()).isEqualTo("not-joined");
                        assertThat(e.getMessage()).isEqualTo("Please join the area with a name first.");
                    });
        }
        assertThat(result(ann.join("office-3f", "Ann"), WAIT).snapshot().members()).hasSize(1);
    }

    @Test
    void htmlInANameIsCarriedAsDataNotMarkup() {
        WhereToEatClient bob = live.joined("office-3f", "Bob");
        String name = "<img src=x onerror=alert(1)>";

        Joined joined = result(live.connect().join("office-3f", name), WAIT);

        assertThat(joined.you().name().value()).isEqualTo(name);
        assertThat(bob.awaitMessage(ofType("member-joined"), WAIT).at("/member/name").asText()).isEqualTo(name);
    }

    @Test
    void invisibleCharactersInANameAreRefused() {
        WhereToEatClient ann = live.connect();

        assertBadRequest(ann.request(request("join").put("area", "office-3f").put("name", "Ann\u202Egnp.exe")), "name");
    }

    @Test
    void aBinaryMessageIsABadRequestAndTheConnectionStaysOpen() throws IOException {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        try (RawSocket raw = RawSocket.upgraded(live.server.port())) {
            raw.sendFrameHeader(0x2, true, 3);
            raw.writeMasked(new byte[] {1, 2, 3});
            raw.sendText("{\"type\":\"join\",\"id\":1,\"area\":\"office-3f\",\"name\":\"Raw\"}");

            assertThat(JSON.readTree(raw.readText().text()).path("type").asText()).isEqualTo("hello");
            JsonNode error = JSON.readTree(raw.readText().text());
            assertThat(error.path("code").asText()).isEqualTo("bad-request");
            assertThat(error.path("message").asText()).contains("binary");
            assertThat(error.has("id")).isFalse();
            assertThat(JSON.readTree(raw.readText().text()).path("type").asText()).isEqualTo("ack");
            assertThat(ann.awaitMessage(ofType("member-joined"), WAIT).at("/member/name").asText()).isEqualTo("Raw");
        }
    }

    @Test
    void binaryMessagesOverTheRateAreAnsweredRateLimited() throws IOException {
        try (LiveArea strict = new LiveArea(settings -> settings.rateLimit(1, 2));
                RawSocket raw = RawSocket.upgraded(strict.server.port())) {
            for (int i = 0; i < 3; i++) {
                raw.sendFrameHeader(0x2, true, 1);
                raw.writeMasked(new byte[] {7});
            }

            assertThat(JSON.readTree(raw.readText().text()).path("type").asText()).isEqualTo("hello");
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                codes.add(JSON.readTree(raw.readText().text()).path("code").asText());
            }
            assertThat(codes).containsExactly("bad-request", "bad-request", "rate-limited");
        }
    }

    @Test
    void noAnswerOvertakesTheHello() throws IOException {
        live.sessions.simulate(Fault.HUNG);
        try (RawSocket raw = RawSocket.upgraded(live.server.port(), Map.of("Cookie", "wte_session=session-0000000000000001"))) {
            // Sent while the server is still checking the session this client brought.
            raw.sendText("this is not json");

            JsonNode first = JSON.readTree(raw.readText().text());
            assertThat(first.path("code").asText()).as("the hello's place: the session could not be checked")
                    .isEqualTo("unavailable");
        }
    }

    @Test
    void garbageInsteadOfAHandshakeIsDroppedAndOthersCarryOn() throws IOException {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        try (RawSocket raw = RawSocket.open(live.server.port())) {
            raw.write("\u0000\u00ff garbage \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThat(raw.awaitEnd(WAIT)).as(() -> "read: " + raw.lastRead).isTrue();
        }
        assertThat(result(ann.vote(Sample.NOODLES), WAIT).voter().value()).isEqualTo("Ann");
    }

    @Test
    void anInvalidFrameClosesOnlyThatConnection() throws IOException {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        try (RawSocket raw = RawSocket.upgraded(live.server.port())) {
            raw.sendFrameHeader(0x3, true, 2); // a reserved opcode
            raw.writeMasked(new byte[] {7, 7});

            assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1002);
        }
        assertThat(result(ann.vote(Sample.NOODLES), WAIT).voter().value()).isEqualTo("Ann");
    }

    @Test
    void aFrameOverTheLimitClosesThatConnectionWith1009AndOthersAreUntouched() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        WhereToEatClient mallory = live.joined("office-3f", "Mallory");

        mallory.sendRaw("{\"type\":\"snapshot\",\"id\":1,\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}");

        assertThat(mallory.awaitClose(WAIT)).isEqualTo(1009);
        assertThat(result(ann.vote(Sample.NOODLES), WAIT).voter().value()).isEqualTo("Ann");
        live.passPresenceGrace(1);
        assertThat(ann.awaitMessage(ofType("member-left"), WAIT).path("name").asText()).isEqualTo("Mallory");
    }

    @Test
    void aHugeAnnouncedFrameIsRefusedBeforeItsPayloadArrives() throws IOException {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        try (RawSocket raw = RawSocket.upgraded(live.server.port())) {
            raw.sendFrameHeader(0x1, true, 1L << 40); // a terabyte, never sent

            assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1009);
        }
        assertThat(result(ann.snapshot(), WAIT).members()).hasSize(1);
    }

    @Test
    void aFragmentedMessageOverTheLimitIsRefusedToo() throws IOException {
        try (RawSocket raw = RawSocket.upgraded(live.server.port())) {
            byte[] part = "x".repeat(10 * 1024).getBytes(StandardCharsets.US_ASCII);
            raw.sendFrameHeader(0x1, false, part.length);
            raw.writeMasked(part);
            raw.sendFrameHeader(0x0, false, part.length);
            raw.writeMasked(part);

            assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1009);
        }
    }

    @Test
    void aTextFrameFollowedByEndlessEmptyContinuationsIsClosedAtTheFragmentLimit() throws IOException {
        // Java-WebSocket let these pile up (about 78 bytes of heap a frame, without a size over the
        // limit) until the heap ran out. One batch of empty continuations, far over 64 frames.
        try (RawSocket raw = RawSocket.upgraded(live.server.port())) {
            raw.sendFrameHeader(0x1, false, 1);
            raw.writeMasked(new byte[] {'{'});
            byte[] empty = {0x00, (byte) 0x80, 1, 2, 3, 4};
            byte[] batch = new byte[empty.length * 10_000];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(empty, 0, batch, i * empty.length, empty.length);
            }
            try {
                raw.write(batch);
            } catch (IOException closedMeanwhile) {
                // The server may close before the batch is through; the close frame came first.
            }

            assertThat(raw.awaitCloseCode(WAIT)).isEqualTo(1009);
        }
        assertThat(live.server.connectionCount()).isLessThanOrEqualTo(1);
    }

    @Test
    void aFragmentedMessageWithinBothLimitsIsServed() throws IOException {
        try (RawSocket raw = RawSocket.upgraded(live.server.port())) {
            raw.readText(); // hello
            byte[] message = "{\"type\":\"snapshot\",\"id\":\"in-parts\"}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < message.length; i++) {
                raw.sendFrameHeader(i == 0 ? 0x1 : 0x0, i == message.length - 1, 1);
                raw.writeMasked(new byte[] {message[i]});
            }

            assertThat(raw.readText().text()).contains("\"id\":\"in-parts\"").contains("not-joined");
        }
    }

    @Test
    void aMessageJustUnderTheLimitIsServed() {
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        ObjectNode padded = request("snapshot").put("pad", "x".repeat(16 * 1024 - 100));

        assertThat(result(ann.request(padded), WAIT).path("type").asText()).isEqualTo("ack");
    }

    private static ObjectNode request(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static void assertBadRequest(CompletableFuture<JsonNode> reply, String field) {
        assertThatThrownBy(() -> result(reply, WAIT)).isInstanceOfSatisfying(ErrorReplyException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
