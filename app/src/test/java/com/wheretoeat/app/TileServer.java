package com.wheretoeat.app;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A stand-in for a map tile server on a free loopback port: one 256×256 PNG (a pale ground with a
 * faint grid, so screenshots show where tiles are) for any path. This machine has no internet, and a
 * test must never depend on a real tile server anyway.
 */
final class TileServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    TileServer() {
        byte[] tile = tile();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, tile.length);
            exchange.getResponseBody().write(tile);
            exchange.close();
        });
        server.start();
    }

    /** The template to give MAP_TILE_URL. */
    String urlTemplate() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
    }

    int served() {
        return served.get();
    }

    private static byte[] tile() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xEE, 0xEA, 0xE0));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(0xD6, 0xD0, 0xC2));
        for (int at = 0; at < 256; at += 64) {
            g.drawLine(at, 0, at, 255);
            g.drawLine(0, at, 255, at);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
