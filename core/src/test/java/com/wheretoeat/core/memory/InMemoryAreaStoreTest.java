package com.wheretoeat.core.memory;

import static com.wheretoeat.core.contract.Await.result;
import static com.wheretoeat.core.contract.Sample.name;
import static com.wheretoeat.core.contract.Sample.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.AreaStoreContract;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Lifetimes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryAreaStoreTest extends AreaStoreContract {
    private InMemoryAreaStore store;

    @Override
    protected AreaPorts newPorts() {
        InMemoryAreaEvents events = new InMemoryAreaEvents();
        store = new InMemoryAreaStore(events);
        return new AreaPorts(store, events);
    }

    @Override
    protected Duration quietPeriod() {
        return Duration.ZERO;
    }

    @Test
    void readingAnUnknownAreaKeepsNothingInMemory() {
        for (int i = 0; i < 1000; i++) {
            result(store.snapshot(AreaName.of("probe-" + i), Instant.now()));
        }

        assertThat(store.areaCount()).isZero();
    }

    @Test
    void areasWhoseEverythingExpiredAreSweptAway() {
        Instant then = Instant.now();
        for (int i = 0; i < 100; i++) {
            result(store.join(AreaName.of("lunch-" + i), session(), name("Ann"), then, Lifetimes.DEFAULT));
        }
        assertThat(store.areaCount()).isEqualTo(100);

        Instant later = then.plus(Lifetimes.DEFAULT.member());
        for (int i = 0; i < 1024; i++) {
            result(store.snapshot(AreaName.of("elsewhere"), later));
        }

        assertThat(store.areaCount()).isZero();
    }
}
