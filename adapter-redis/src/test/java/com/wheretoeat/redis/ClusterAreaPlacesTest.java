package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPlacesContract;
import com.wheretoeat.core.port.AreaPlaces;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterAreaPlacesTest extends AreaPlacesContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPlaces newPlaces() {
        return redis.open().areaPlaces();
    }
}
