package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaEventsContract;
import com.wheretoeat.core.contract.AreaPorts;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterAreaEventsTest extends AreaEventsContract {
    private static final int LOG_SIZE = 16;

    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    private RedisAdapters redis;

    @Override
    protected AreaPorts newPorts() {
        redis = RedisAdapters.connect(REDIS.freshSettings().withLogSize(LOG_SIZE));
        return new AreaPorts(redis.areaStore(), redis.areaEvents());
    }

    @Override
    protected int logSize() {
        return LOG_SIZE;
    }

    @Override
    protected void closePorts(AreaPorts ports) {
        redis.close();
    }
}
