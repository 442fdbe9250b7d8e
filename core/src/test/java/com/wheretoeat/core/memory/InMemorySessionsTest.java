package com.wheretoeat.core.memory;

import com.wheretoeat.core.contract.SessionsContract;
import com.wheretoeat.core.port.Sessions;

class InMemorySessionsTest extends SessionsContract {
    @Override
    protected Sessions newSessions() {
        return new InMemorySessions();
    }
}
