package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.RoundsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRoundsTest extends RoundsContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPorts newPorts() {
        return redis.areaPorts();
    }
}
