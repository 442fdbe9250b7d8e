package com.wheretoeat.redis;

import com.wheretoeat.core.contract.SessionsContract;
import com.wheretoeat.core.port.Sessions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterSessionsTest extends SessionsContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected Sessions newSessions() {
        return redis.open().sessions();
    }
}
