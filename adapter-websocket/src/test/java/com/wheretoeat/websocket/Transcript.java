package com.wheretoeat.websocket;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An approval transcript: what each party of a conversation sent ({@code >}) and received
 * ({@code <}), in order, compared exactly with a file checked into the repository. When the file
 * is missing or differs, the test fails and writes what it received next to it as
 * {@code *.received.txt}, for review; approving means renaming it.
 */
final class Transcript {
    private static final Path DIRECTORY = Path.of("src", "test", "resources", "transcripts");
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String scenario;
    private final List<String> lines = new ArrayList<>();
    private final List<Party> parties = new ArrayList<>();

    Transcript(String scenario) {
        this.scenario = scenario;
    }

    /** A party to the conversation; every line it sends or receives is written under its name. */
    Party party(String name, WhereToEatClient client) {
        Party party = new Party(name, client);
        parties.add(party);
        return party;
    }

    void note(String text) {
        lines.add("");
        lines.add("# " + text);
    }

    final class Party {
        private final String name;
        private final WhereToEatClient client;
        private int heard;

        private Party(String name, WhereToEatClient client) {
            this.name = name;
            this.client = client;
        }

        /** Sends {@code text} as it is and waits for {@code replies} messages in answer. */
        Party says(String text, int replies) {
            lines.add(name + " > " + text);
            client.sendRaw(text);
            return hears(replies);
        }

        /** Waits for the next {@code count} messages and writes them down. */
        Party hears(int count) {
            List<JsonNode> received = client.awaitMessages(heard + count, WAIT);
            for (JsonNode message : received.subList(heard, heard + count)) {
                lines.add(name + " < " + write(message));
            }
            heard += count;
            return this;
        }

        /**
         * Fails when the party received more than the transcript wrote down. A marker request's reply
         * comes after everything the server sent the party before it; the marker itself is not written.
         */
        void heardEverything() {
            int before;
            if (client.isOpen()) {
                client.request(JSON.createObjectNode().put("type", "snapshot").put("id", END));
                JsonNode marker = client.awaitMessage(m -> m.path("id").asText().equals(END), WAIT);
                before = client.messages().indexOf(marker);
            } else {
                before = client.messages().size();
            }
            if (before != heard) {
                fail("%s received %d messages but the transcript wrote down %d: %s", name, before, heard,
                        client.messages().subList(heard, before));
            }
        }
    }

    private static final String END = "end-of-transcript";

    /** Checks that nobody received more than was written down, then compares the conversation with its approved file. */
    void verify() {
        parties.forEach(Party::heardEverything);
        String received = String.join("\n", lines).strip() + "\n";
        Path approved = DIRECTORY.resolve(scenario + ".txt");
        Path pending = DIRECTORY.resolve(scenario + ".received.txt");
        try {
            String expected = Files.exists(approved) ? Files.readString(approved, StandardCharsets.UTF_8) : null;
            if (received.equals(expected)) {
                Files.deleteIfExists(pending);
                return;
            }
            Files.createDirectories(DIRECTORY);
            Files.writeString(pending, received, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fail("The conversation %s differs from %s; what was received is in %s for review", scenario, approved, pending);
    }

    private static String write(JsonNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
