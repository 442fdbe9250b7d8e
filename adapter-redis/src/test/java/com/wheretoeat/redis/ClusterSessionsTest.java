package com.wheretoeat.redis;

import com.wheretoeat.core.contract.SessionsContract;
import com.wheretoeat.core.port.Sessions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a three-master Redis Cluster: the cluster client, sharded Pub/Sub, scripts by slot. */
class ClusterSessionsTest extends SessionsContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    private RedisAdapters redis;

    @Override
    protected Sessions newSessions() {
        redis = RedisAdapters.connect(REDIS.freshSettings());
        return redis.sessions();
    }

    @Override
    protected void closeSessions(Sessions sessions) {
        redis.close();
    }
}
