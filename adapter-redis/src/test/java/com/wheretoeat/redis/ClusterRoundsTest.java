package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.RoundsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rounds on a three-master Redis Cluster: the round scripts by slot, their events on the area's shard. */
class ClusterRoundsTest extends RoundsContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

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
