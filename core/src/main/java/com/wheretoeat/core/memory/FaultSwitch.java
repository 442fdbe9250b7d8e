package com.wheretoeat.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs an adapter's work as its current {@link Fault} says. */
final class FaultSwitch {
    private Fault fault = Fault.NONE;
    /** Work that came while hung, done in order once the fault clears, as a stalled store does. */
    private final List<Runnable> stalled = new ArrayList<>();

    void set(Fault newFault) {
        List<Runnable> released;
        synchronized (this) {
            fault = newFault;
            if (newFault == Fault.HUNG) {
                return;
            }
            released = new ArrayList<>(stalled);
            stalled.clear();
        }
        released.forEach(Runnable::run);
    }

    synchronized Fault get() {
        return fault;
    }

    <T> CompletionStage<T> run(String adapter, Supplier<T> work) {
        synchronized (this) {
            if (fault == Fault.DOWN) {
                return CompletableFuture.failedFuture(new IllegalStateException(adapter + " is down (simulated)"));
            }
            if (fault == Fault.HUNG) {
                CompletableFuture<T> late = new CompletableFuture<>();
                stalled.add(() -> complete(late, work));
                return late;
            }
        }
        if (get() == Fault.LOST_ANSWER) {
            complete(new CompletableFuture<>(), work);
            return new CompletableFuture<>();
        }
        CompletableFuture<T> now = new CompletableFuture<>();
        complete(now, work);
        return now;
    }

    private static <T> void complete(CompletableFuture<T> future, Supplier<T> work) {
        try {
            future.complete(work.get());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }
}
