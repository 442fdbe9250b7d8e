package com.wheretoeat.redis;

import com.wheretoeat.core.contract.SessionsContract;
import com.wheretoeat.core.port.Sessions;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSessionsTest extends SessionsContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

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
