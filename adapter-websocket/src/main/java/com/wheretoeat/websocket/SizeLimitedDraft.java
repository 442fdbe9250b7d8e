package com.wheretoeat.websocket;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;

/**
 * RFC 6455 with a limit on the size of a frame and of a fragmented message. Java-WebSocket's
 * default is unlimited, so one huge frame could exhaust the heap. The library refuses a frame by
 * its announced length, before reading its payload, but it sums a fragmented message only when its
 * last fragment arrives, so endless fragments would pile up: this draft counts them as they come.
 * Either way the connection closes with 1009 and a reason that starts with {@code too-large}.
 * One instance per connection (the server copies it), so the count is the connection's own.
 */
final class SizeLimitedDraft extends Draft_6455 {
    private final int maxBytes;
    private long fragmented;

    SizeLimitedDraft(int maxBytes) {
        super(List.<IExtension>of(), maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        List<Framedata> frames;
        try {
            frames = super.translateFrame(buffer);
        } catch (LimitExceededException e) {
            throw tooLarge();
        }
        for (Framedata frame : frames) {
            Opcode opcode = frame.getOpcode();
            boolean data = opcode == Opcode.TEXT || opcode == Opcode.BINARY || opcode == Opcode.CONTINUOUS;
            if (!data) {
                continue;
            }
            fragmented = (opcode == Opcode.CONTINUOUS ? fragmented : 0) + frame.getPayloadData().remaining();
            if (fragmented > maxBytes) {
                throw tooLarge();
            }
            if (frame.isFin()) {
                fragmented = 0;
            }
        }
        return frames;
    }

    private LimitExceededException tooLarge() {
        return new LimitExceededException("too-large: a message may be at most " + maxBytes + " bytes", maxBytes);
    }

    @Override
    public void reset() {
        super.reset();
        fragmented = 0;
    }

    @Override
    public Draft copyInstance() {
        return new SizeLimitedDraft(maxBytes);
    }
}
