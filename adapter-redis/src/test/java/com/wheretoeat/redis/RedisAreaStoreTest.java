package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.AreaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAreaStoreTest extends AreaStoreContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPorts newPorts() {
        return redis.areaPorts();
    }
}
