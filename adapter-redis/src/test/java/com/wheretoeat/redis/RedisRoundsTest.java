package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.RoundsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRoundsTest extends RoundsContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisAdapters redis;

    @Override
    protected AreaPorts newPorts() {
        redis = RedisAdapters.connect(REDIS.freshSettings());
        return new AreaPorts(redis.areaStore(), redis.areaEvents());
    }

    @Override
    protected void closePorts(AreaPorts ports) {
        redis.close();
    }
}
