package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaEventsContract;
import com.wheretoeat.core.contract.AreaPorts;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterAreaEventsTest extends AreaEventsContract {
    private static final int LOG_SIZE = 16;

    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPorts newPorts() {
        return redis.areaPorts(settings -> settings.withLogSize(LOG_SIZE));
    }

    @Override
    protected int logSize() {
        return LOG_SIZE;
    }
}
