package com.wheretoeat.websocket;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.websocket.LiveArea.WAIT;
import static com.wheretoeat.websocket.LiveVotingTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wheretoeat.core.contract.Await;
import com.wheretoeat.core.contract.RecordingListener;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.memory.Fault;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.AreaSnapshot;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-connection limits: rate, outbound backlog, and liveness. Each hits one client only. */
class ConnectionLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AreaName OFFICE = AreaName.of("office-3f");

    @Test
    void requestsBeyondTheRateAreRefusedAsRateLimitedAndOthersAreUnaffected() {
        try (LiveArea live = new LiveArea(settings -> settings.rateLimit(20, 40))) {
            WhereToEatClient flooder = live.joined("office-3f", "Flo");
            WhereToEatClient calm = live.joined("office-3f", "Cal");

            List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replies.add(flooder.request(JSON.createObjectNode().put("type", "snapshot")));
            }
            // Every request gets exactly one reply: an ack or rate-limited.
            List<String> outcomes = new ArrayList<>();
            for (CompletableFuture<JsonNode> reply : replies) {
                outcomes.add(reply.handle((ack, error) -> error == null ? "ack"
                        : ((ErrorReplyException) error).wireCode()).toCompletableFuture().join());
            }

            assertThat(outcomes).containsOnly("ack", "rate-limited");
            assertThat(outcomes.stream().filter("ack"::equals).count()).isBetween(39L, 100L);
            assertThat(flooder.messages()).filteredOn(ofType("error"))
                    .allSatisfy(error -> assertThat(error.path("message").asText()).contains("too fast"));
            assertThat(result(calm.vote(Sample.NOODLES), WAIT).voter().value()).isEqualTo("Cal");
            assertThat(flooder.isOpen()).isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedOnceItsBacklogPassesTheLimitAndOthersGoOn() throws IOException, InterruptedException {
        try (LiveArea live = new LiveArea(settings -> settings.maxBacklogBytes(64 * 1024))) {
            RecordingListener area = new RecordingListener();
            result(live.app.subscribe(OFFICE, area));
            WhereToEatClient reader = live.joined("office-3f", "Rea");
            area.next(AreaEvent.MemberJoined.class);
            try (RawSocket stalled = RawSocket.upgraded(live.server.port())) {
                stalled.sendText("{\"type\":\"join\",\"id\":1,\"area\":\"office-3f\",\"name\":\"Sloth\"}");
                area.next(AreaEvent.MemberJoined.class);
                SessionId pump = result(live.app.startSession());
                result(live.app.join(pump, OFFICE, Username.of("Pump")));

                // Sloth reads nothing; votes flip until the server gives up on it. Each vote waits until
                // Rea read it, so that only the one who stopped reading falls behind.
                LinkedBlockingQueue<Long> readByRea = new LinkedBlockingQueue<>();
                reader.onEvent(event -> readByRea.add(event.seq()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int votes = 0;
                while (live.server.connectionCount() == 2 && System.nanoTime() < deadline) {
                    long seq = result(live.app.vote(pump, OFFICE, votes++ % 2 == 0 ? Sample.NOODLES : Sample.TACOS)).seq();
                    while (true) {
                        Long read = readByRea.poll(5, TimeUnit.SECONDS);
                        assertThat(read).as("Rea reads every vote").isNotNull();
                        if (read == seq) {
                            break;
                        }
                    }
                }

                assertThat(live.server.connectionCount()).as("connections after %d votes", votes).isEqualTo(1);
                assertThat(stalled.awaitEnd(WAIT)).isTrue();
                live.passPresenceGrace(1);
                assertThat(reader.awaitMessage(m -> m.path("type").asText().equals("member-left")
                        && m.path("name").asText().equals("Sloth"), Duration.ofSeconds(10))).isNotNull();
                assertThat(reader.isOpen()).isTrue();
            }
        }
    }

    @Test
    void pingsHaveABudgetOfTheirOwnAndThoseOverItGetNoPong() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.rateLimit(20, 40));
                RawSocket raw = RawSocket.upgraded(live.server.port())) {
            byte[] payload = new byte[125];
            for (int i = 0; i < 200; i++) {
                raw.sendFrameHeader(0x9, true, payload.length);
                raw.writeMasked(payload);
            }
            // Within the message rate, which pings do not use up; its answer follows every pong there is.
            raw.sendText("{\"type\":\"snapshot\",\"id\":\"marker\"}");

            int pongs = 0;
            while (true) {
                RawSocket.Frame frame = raw.readFrame();
                if (frame.opcode() == 0xA) {
                    pongs++;
                } else if (frame.opcode() == 0x1 && frame.text().contains("marker")) {
                    assertThat(frame.text()).contains("not-joined").doesNotContain("rate-limited");
                    break;
                }
            }
            assertThat(pongs).as("pongs to 200 pings within a ping burst of 10").isBetween(10, 20);
        }
    }

    @Test
    void aPeerThatAnswersNoPingsIsClosedAndItsMemberLeaves() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.pingInterval(Duration.ofSeconds(1)))) {
            RecordingListener area = new RecordingListener();
            result(live.app.subscribe(OFFICE, area));
            WhereToEatClient alive = live.joined("office-3f", "Ann");
            area.next(AreaEvent.MemberJoined.class);
            try (RawSocket silent = RawSocket.upgraded(live.server.port())) {
                silent.sendText("{\"type\":\"join\",\"id\":1,\"area\":\"office-3f\",\"name\":\"Ghost\"}");
                area.next(AreaEvent.MemberJoined.class);

                assertThat(silent.awaitEnd(WAIT)).as("closed for answering no pings").isTrue();
                live.passPresenceGrace(1);
                AreaEvent.MemberLeft left = area.next(AreaEvent.MemberLeft.class);

                assertThat(left.name()).isEqualTo(Username.of("Ghost"));
                assertThat(alive.isOpen()).isTrue();
            }
        }
    }

    @Test
    void stoppingTheServerClosesEveryConnectionAsGoingAway() {
        LiveArea live = new LiveArea();
        WhereToEatClient ann = live.joined("office-3f", "Ann");
        assertThat(live.server.connectionCount()).isEqualTo(1);

        live.server.stop(Duration.ofSeconds(2));

        assertThat(ann.awaitClose(WAIT)).isEqualTo(LiveEndpoint.SHUTDOWN_CLOSE_CODE).isEqualTo(1001);
    }

    @Test
    void membersOfAServerGoingAwayStaySoTheyCanResumeElsewhere() {
        LiveArea live = new LiveArea();
        WhereToEatClient ann = live.joined("office-3f", "Ann");

        live.server.stop(Duration.ofSeconds(2));
        ann.awaitClose(WAIT);

        AreaSnapshot after = result(live.app.snapshot(AreaName.of("office-3f")), WAIT);
        assertThat(after.members()).extracting(m -> m.name().value()).containsExactly("Ann");
    }

    @Test
    void aServerAtItsConnectionLimitRefusesNewHandshakesUntilOneCloses() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnections(2))) {
            WhereToEatClient first = live.connect();
            live.connect();

            try (RawSocket third = RawSocket.open(live.server.port())) {
                assertThat(third.handshake("/live", Map.of())).doesNotStartWith("HTTP/1.1 101");
            }
            assertThat(live.server.connectionCount()).isEqualTo(2);

            first.close();
            live.awaitConnectionCount(1);
            assertThat(live.connect().awaitOpen(WAIT).isOpen()).isTrue();
        }
    }

    @Test
    void aBurstOfHandshakesAtOnceNeverPassesTheLimitAndRefusalsGiveTheirRoomBack() throws Exception {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnections(3))) {
            List<RawSocket> burst = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    burst.add(RawSocket.open(live.server.port()));
                }
                ExecutorService senders = Executors.newFixedThreadPool(12);
                List<Future<String>> heads = new ArrayList<>();
                for (RawSocket raw : burst) {
                    heads.add(senders.submit(() -> raw.handshake("/live", Map.of())));
                }
                long upgraded = 0;
                for (Future<String> head : heads) {
                    if (head.get(10, TimeUnit.SECONDS).startsWith("HTTP/1.1 101")) {
                        upgraded++;
                    }
                }
                senders.shutdown();

                assertThat(upgraded).isEqualTo(3);
            } finally {
                for (RawSocket raw : burst) {
                    raw.close();
                }
            }
            live.awaitConnectionCount(0);
            Await.until(() -> live.server.endpoint().admitted.get() == 0, "every admitted connection given back");
        }
    }

    @Test
    void anUpgradeRefusedForWantOfRoomIsAnsweredUnavailableWithRetryAfter() throws IOException {
        try (LiveArea live = new LiveArea(settings -> settings.maxConnections(1))) {
            live.connect();

            try (RawSocket second = RawSocket.open(live.server.port())) {
                String head = second.handshake("/live", Map.of());

                assertThat(head).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After:");
            }
        }
    }

    @Test
    void aClientFloodingWhileItsAnswersWaitIsCutOffAndOthersGoOn() {
        try (LiveArea live = new LiveArea(settings -> settings.rateLimit(20, 40))) {
            WhereToEatClient other = live.joined("office-3f", "Ann");
            WhereToEatClient flooder = live.connect();
            live.store.simulate(Fault.HUNG);
            flooder.join("office-3f", "Bob");

            // It keeps sending while its answers wait, until the server closes the connection.
            int sent = 0;
            while (sent < 1_000 && flooder.sendRaw("{}")) {
                sent++;
            }

            assertThat(flooder.awaitClose(WAIT)).as("policy close: too fast").isEqualTo(1008);
            live.store.simulate(Fault.NONE);
            assertThat(result(other.snapshot(), WAIT).members()).extracting(m -> m.name().value()).contains("Ann");
        }
    }

    @Test
    void aClientWithinItsRateIsNeverCutOffWhileStorageStalls() throws Exception {
        Duration timeout = LiveArea.CORE_TIMEOUT;
        try (LiveArea live = new LiveArea(settings -> settings.rateLimit(20, 40).requestTimeout(timeout))) {
            WhereToEatClient steady = live.joined("office-3f", "Ann");
            live.store.simulate(Fault.HUNG);

            // 20 votes a second, its rate, for five seconds while nothing answers: the old bound of
            // twice the burst (80 waiting answers) was passed after about four.
            List<CompletableFuture<?>> answers = new ArrayList<>();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            CountDownLatch sent = new CountDownLatch(100);
            pace.scheduleAtFixedRate(() -> {
                if (sent.getCount() > 0) {
                    answers.add(steady.vote(sent.getCount() % 2 == 0 ? Sample.NOODLES : Sample.TACOS)
                            .handle((vote, error) -> error));
                    sent.countDown();
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            assertThat(sent.await(20, TimeUnit.SECONDS)).isTrue();
            pace.shutdown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            assertThat(steady.isOpen()).as("within its rate, never closed for storage's slowness").isTrue();
            assertThat(answers).allSatisfy(answer -> assertThat(Replies.unwrap((Throwable) answer.join())).isInstanceOfSatisfying(
                    ErrorReplyException.class, error -> assertThat(error.wireCode()).isEqualTo("unavailable")));
            live.store.simulate(Fault.NONE);
            assertThat(result(steady.vote(Sample.NOODLES), WAIT).voter().value()).isEqualTo("Ann");
        }
    }
}
