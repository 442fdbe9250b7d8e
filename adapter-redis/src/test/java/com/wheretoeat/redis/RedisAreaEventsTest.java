package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaEventsContract;
import com.wheretoeat.core.contract.AreaPorts;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAreaEventsTest extends AreaEventsContract {
    private static final int LOG_SIZE = 16;

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPorts newPorts() {
        return redis.areaPorts(settings -> settings.withLogSize(LOG_SIZE));
    }

    @Override
    protected int logSize() {
        return LOG_SIZE;
    }
}
