package com.wheretoeat.core.memory;

import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.port.Sessions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Sessions kept in this JVM. Thread-safe; expired sessions are swept now and then. */
public final class InMemorySessions implements Sessions {
    private static final int SWEEP_EVERY = 1024;

    private final Supplier<SessionId> newIds;
    private final ConcurrentHashMap<SessionId, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final FaultSwitch faults = new FaultSwitch();

    /** Sessions with ids drawn from a {@link SecureRandom}. */
    public InMemorySessions() {
        this(secureIds());
    }

    /** Sessions whose ids come from {@code newIds}, for tests that need known ids. */
    public InMemorySessions(Supplier<SessionId> newIds) {
        this.newIds = Objects.requireNonNull(newIds, "newIds");
    }

    private static Supplier<SessionId> secureIds() {
        SecureRandom random = new SecureRandom();
        return () -> SessionId.random(random);
    }

    public void simulate(Fault fault) {
        faults.set(fault);
    }

    @Override
    public CompletionStage<SessionId> create(Instant now, Duration lifetime) {
        return faults.run("sessions", () -> {
            sweepNowAndThen(now);
            SessionId id = newIds.get();
            expiries.put(id, now.plus(lifetime));
            return id;
        });
    }

    @Override
    public CompletionStage<Boolean> touch(SessionId session, Instant now, Duration lifetime) {
        return faults.run("sessions", () -> {
            sweepNowAndThen(now);
            Instant renewed = expiries.computeIfPresent(session,
                    (id, expiresAt) -> now.isBefore(expiresAt) ? now.plus(lifetime) : null);
            return renewed != null;
        });
    }

    /** How many sessions are held now, expired ones not yet swept included; for tests that count what was started. */
    public int count() {
        return expiries.size();
    }

    @Override
    public CompletionStage<Void> end(SessionId session) {
        return faults.run("sessions", () -> {
            expiries.remove(session);
            return null;
        });
    }

    private void sweepNowAndThen(Instant now) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            expiries.values().removeIf(expiresAt -> !now.isBefore(expiresAt));
        }
    }
}
