package com.wheretoeat.websocket;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-made WebSocket client for hostile tests: it writes whatever bytes it is told to, answers
 * no pings and reads only when asked, like a broken or malicious peer.
 */
final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** A TCP connection that has not said anything yet; a small receive buffer makes a non-reader fill up early. */
    static RawSocket open(int port) throws IOException {
        return openFrom("127.0.0.1", port);
    }

    /** A TCP connection from {@code localAddress} (any of 127.0.0.0/8 on Linux), as from another client. */
    static RawSocket openFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        return new RawSocket(socket);
    }

    /** Opens and sends an upgrade request with these extra headers; answers the server's response head. */
    static RawSocket upgraded(int port, Map<String, String> headers) throws IOException {
        RawSocket raw = open(port);
        String head = raw.handshake("/live", headers);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("The upgrade was refused: " + head);
        }
        return raw;
    }

    static RawSocket upgraded(int port) throws IOException {
        return upgraded(port, Map.of());
    }

    /** Sends an upgrade request; answers the response's status line and headers. */
    String handshake(String path, Map<String, String> extra) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + socket.getPort());
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        headers.put("Sec-WebSocket-Version", "13");
        headers.putAll(extra);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        write(request.toString().getBytes(StandardCharsets.US_ASCII));
        return readHead();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        sendFrameHeader(0x1, true, text.getBytes(StandardCharsets.UTF_8).length);
        writeMasked(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Announces a frame of {@code length} payload bytes; the caller then writes (or does not write) them. */
    void sendFrameHeader(int opcode, boolean fin, long length) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            header.write(0x80 | (int) length);
        } else if (length < 65536) {
            header.write(0x80 | 126);
            header.write((int) (length >>> 8));
            header.write((int) length);
        } else {
            header.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >>> shift));
            }
        }
        header.write(new byte[] {1, 2, 3, 4});
        write(header.toByteArray());
    }

    void writeMasked(byte[] payload) throws IOException {
        byte[] masked = new byte[payload.length];
        byte[] mask = {1, 2, 3, 4};
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        write(masked);
    }

    /** One frame from the server: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Reads the next frame; fails when none comes within the socket's timeout (5 s). */
    Frame readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("The server ended the connection");
        }
        long length = payloadLength();
        return new Frame(first & 0x0F, in.readNBytes((int) length));
    }

    /** The payload length of the frame whose first byte was just read (an unmasked server frame). */
    private long payloadLength() throws IOException {
        long length = in.read() & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        return length;
    }

    /** Reads frames until a text frame arrives; answers it. */
    Frame readText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == 0x1) {
                return frame;
            }
        }
    }

    /** Reads frames until a close frame arrives; answers its code, or -1 when the socket just ended. */
    int awaitCloseCode(Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException reset) {
                return -1;
            }
            if (first < 0) {
                return -1;
            }
            long length = payloadLength();
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0F) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
        throw new AssertionError("No close frame within " + limit);
    }

    /** Whether the server ended the connection: reading finds its end, or a reset. */
    boolean awaitEnd(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            byte[] sink = new byte[65536];
            int n;
            while ((n = in.read(sink)) >= 0) {
                seen.write(sink, 0, Math.min(n, 200));
            }
            return true;
        } catch (SocketTimeoutException e) {
            lastRead = seen.toString(StandardCharsets.ISO_8859_1);
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Everything the server sends until it closes the connection, as text (a refusal's body). */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** What {@link #awaitEnd} read before giving up, to explain a failure. */
    String lastRead = "";

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
