package com.wheretoeat.core.memory;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.RoundsContract;
import java.time.Duration;

class InMemoryRoundsTest extends RoundsContract {
    @Override
    protected AreaPorts newPorts() {
        InMemoryAreaEvents events = new InMemoryAreaEvents();
        return new AreaPorts(new InMemoryAreaStore(events), events);
    }

    @Override
    protected Duration quietPeriod() {
        return Duration.ZERO;
    }
}
