package com.wheretoeat.core.port;

import com.wheretoeat.core.model.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The sessions that browsers and clients hold, shared by every adapter and node. A session lives
 * for {@code lifetime} after it was last used. Methods never block the caller.
 */
public interface Sessions {

    /** A new session with a fresh, unguessable id. */
    CompletionStage<SessionId> create(Instant now, Duration lifetime);

    /** Whether {@code session} is live at {@code now}; when it is, its life is extended from {@code now}. */
    CompletionStage<Boolean> touch(SessionId session, Instant now, Duration lifetime);

    /** Forgets {@code session}; ending an unknown session is harmless. */
    CompletionStage<Void> end(SessionId session);
}
