package com.wheretoeat.core.contract;

import static com.wheretoeat.core.contract.Await.result;

import com.wheretoeat.core.model.AreaName;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the area contracts share: fresh ports for each test, an area no other test uses, and a
 * start time near the real one, so an adapter that also sets real expiry on its storage (as a
 * Redis key TTL) keeps the data for the whole test.
 */
public abstract class AreaContract {
    protected AreaPorts ports;
    protected Instant start;
    protected AreaName area;

    /** A fresh store and its events, holding no area this test uses. */
    protected abstract AreaPorts newPorts();

    /** Releases what {@link #newPorts()} made, if anything. */
    protected void closePorts(AreaPorts ports) {}

    /**
     * How long a test waits to be sure an event does not come. An adapter that delivers on the
     * publishing thread may answer zero: whatever would arrive has arrived when the change returns.
     */
    protected Duration quietPeriod() {
        return Duration.ofMillis(200);
    }

    @BeforeEach
    void openPorts() {
        ports = newPorts();
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        area = AreaName.of("contract-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    }

    @AfterEach
    void releasePorts() {
        closePorts(ports);
    }

    /** A listener subscribed to {@code which}, holding what it receives. */
    protected RecordingListener listen(AreaName which) {
        RecordingListener listener = new RecordingListener();
        result(ports.events().subscribe(which, listener));
        return listener;
    }
}
