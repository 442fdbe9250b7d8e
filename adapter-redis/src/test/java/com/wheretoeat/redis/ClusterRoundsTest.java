package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.RoundsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rounds on a three-master Redis Cluster: the round scripts by slot, their events on the area's shard. */
class ClusterRoundsTest extends RoundsContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPorts newPorts() {
        return redis.areaPorts();
    }
}
