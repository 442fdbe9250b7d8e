package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPlacesContract;
import com.wheretoeat.core.port.AreaPlaces;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAreaPlacesTest extends AreaPlacesContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPlaces newPlaces() {
        return redis.open().areaPlaces();
    }
}
