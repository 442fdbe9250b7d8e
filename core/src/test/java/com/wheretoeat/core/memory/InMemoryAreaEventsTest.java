package com.wheretoeat.core.memory;

import static com.wheretoeat.core.contract.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.AreaEventsContract;
import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.Sample;
import com.wheretoeat.core.model.AreaEvent;
import com.wheretoeat.core.model.AreaName;
import com.wheretoeat.core.model.Lifetimes;
import com.wheretoeat.core.model.SessionId;
import com.wheretoeat.core.model.Username;
import com.wheretoeat.core.port.AreaListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAreaEventsTest extends AreaEventsContract {
    private static final int LOG_SIZE = 16;

    @Override
    protected AreaPorts newPorts() {
        InMemoryAreaEvents events = new InMemoryAreaEvents(LOG_SIZE);
        return new AreaPorts(new InMemoryAreaStore(events), events);
    }

    @Override
    protected int logSize() {
        return LOG_SIZE;
    }

    @Override
    protected Duration quietPeriod() {
        return Duration.ZERO;
    }

    @Test
    void anInterruptionLosesDeliveryButNotTheLogAndEndsWithResumed() {
        InMemoryAreaEvents events = new InMemoryAreaEvents();
        InMemoryAreaStore store = new InMemoryAreaStore(events);
        AreaName area = AreaName.of("office");
        List<String> heard = new ArrayList<>();
        result(events.subscribe(area, new AreaListener() {
            @Override
            public void onEvent(AreaEvent event) {
                heard.add("event " + event.seq());
            }

            @Override
            public void onResumed() {
                heard.add("resumed");
            }
        }));
        SessionId ann = Sample.session();

        events.simulate(Fault.DOWN);
        result(store.join(area, ann, Username.of("Ann"), Instant.now(), Lifetimes.DEFAULT));
        events.simulate(Fault.NONE);
        result(store.vote(area, ann, Sample.TRATTORIA, Instant.now(), Lifetimes.DEFAULT));

        assertThat(heard).containsExactly("resumed", "event 2");
        assertThat(result(events.since(area, 0))).hasValueSatisfying(missed ->
                assertThat(missed).extracting(AreaEvent::seq).containsExactly(1L, 2L));
    }
}
