package com.wheretoeat.redis;

import com.wheretoeat.core.contract.SessionsContract;
import com.wheretoeat.core.port.Sessions;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSessionsTest extends SessionsContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    final TestAdapters redis = new TestAdapters(REDIS::freshSettings);

    @Override
    protected Sessions newSessions() {
        return redis.open().sessions();
    }
}
