package com.wheretoeat.websocket;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;

/**
 * RFC 6455 with a limit on the size of a frame and of a fragmented message (Java-WebSocket's default
 * is unlimited, so one huge frame could exhaust the heap). The library refuses a frame by its
 * announced length, before reading its payload, and closes with 1009; this draft only makes the
 * close reason say {@code too-large} and the limit.
 */
final class SizeLimitedDraft extends Draft_6455 {
    private final int maxBytes;

    SizeLimitedDraft(int maxBytes) {
        super(List.<IExtension>of(), maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        try {
            return super.translateFrame(buffer);
        } catch (LimitExceededException e) {
            throw new LimitExceededException("too-large: a message may be at most " + maxBytes + " bytes", maxBytes);
        }
    }

    @Override
    public Draft copyInstance() {
        return new SizeLimitedDraft(maxBytes);
    }
}
