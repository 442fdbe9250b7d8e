package com.wheretoeat.core.memory;

import com.wheretoeat.core.contract.AreaEventsContract;
import com.wheretoeat.core.contract.AreaPorts;
import java.time.Duration;

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
}
