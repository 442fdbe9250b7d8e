package com.wheretoeat.redis;

import com.wheretoeat.core.contract.AreaPorts;
import com.wheretoeat.core.contract.AreaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterAreaStoreTest extends AreaStoreContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected AreaPorts newPorts() {
        return redis.areaPorts();
    }
}
