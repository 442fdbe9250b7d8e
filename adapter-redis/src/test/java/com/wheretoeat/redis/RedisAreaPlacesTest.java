package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPlacesContract;
import com.wheretoeat.core.port.AreaPlaces;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAreaPlacesTest extends AreaPlacesContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisAdapters redis;

    @Override
    protected AreaPlaces newPlaces() {
        redis = RedisAdapters.connect(REDIS.freshSettings());
        return redis.areaPlaces();
    }

    @Override
    protected void closePlaces(AreaPlaces places) {
        redis.close();
    }
}
