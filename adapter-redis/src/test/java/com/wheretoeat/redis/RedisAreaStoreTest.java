package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.AreaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAreaStoreTest extends AreaStoreContract {
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
