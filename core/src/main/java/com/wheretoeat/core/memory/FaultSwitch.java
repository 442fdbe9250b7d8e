package com.wheretoeat.core.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs an adapter's work as its current {@link Fault} says. */
final class FaultSwitch {
    private volatile Fault fault = Fault.NONE;

    void set(Fault newFault) {
        fault = newFault;
    }

    Fault get() {
        return fault;
    }

    <T> CompletionStage<T> run(String adapter, Supplier<T> work) {
        switch (fault) {
            case DOWN:
                return CompletableFuture.failedFuture(new IllegalStateException(adapter + " is down (simulated)"));
            case HUNG:
                return new CompletableFuture<>();
            default:
                try {
                    return CompletableFuture.completedFuture(work.get());
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
        }
    }
}
