package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPlacesContract;
import com.wheretoeat.core.port.AreaPlaces;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterAreaPlacesTest extends AreaPlacesContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

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
