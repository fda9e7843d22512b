package io.github.streamgear.examples.liveorigin;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.LocalTime;

/**
 * Draws the live stream's frames with Java2D: scrolling colour bars, a bouncing ball, the wall-clock time (compare it
 * with your clock to see the player's latency) and the frame number, on a {@code TYPE_3BYTE_BGR} image, the layout of
 * the component's default {@code pixelFormat=bgr24}, so the frame goes to FFmpeg straight from the image's array.
 * <p>
 * Digits are drawn as seven-segment displays with rectangles, so no font is needed (a headless JDK on a minimal server
 * may have none). One image is redrawn for every frame: the component writes a frame to FFmpeg before the exchange
 * continues, so the image is free again when the timer fires next.
 */
final class TestPattern {

    private static final Color[] BARS = { new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192),
        new Color(0, 192, 0), new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192) };

    /** Segments a..g of each digit, as bits 0..6 (a top, b top right, c bottom right, d bottom, e, f, g middle). */
    private static final int[] DIGITS = { 0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F };

    private final BufferedImage image;
    private final int width;
    private final int height;
    private final double fps;

    TestPattern(int width, int height, double fps) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.width = width;
        this.height = height;
        this.fps = fps;
    }

    /** Frame {@code n} (from 1). */
    BufferedImage frame(long n) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            drawBars(g, n);
            drawBall(g, n);
            drawPanel(g, n);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawBars(Graphics2D g, long n) {
        int bar = (width + BARS.length - 1) / BARS.length;
        int offset = (int) ((n * 4) % (bar * BARS.length)); // 4 pixels per frame to the left
        for (int x = -offset, i = 0; x < width; x += bar, i++) {
            g.setColor(BARS[i % BARS.length]);
            g.fillRect(x, 0, bar, height);
        }
    }

    private void drawBall(Graphics2D g, long n) {
        double t = n / fps;
        int size = height / 6;
        int x = (int) ((width - size) * (0.5 + 0.5 * Math.sin(t * 1.3)));
        int y = (int) ((height - size) * (0.5 + 0.5 * Math.sin(t * 2.1 + 1)));
        g.setColor(Color.WHITE);
        g.fillOval(x, y, size, size);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawOval(x, y, size, size);
    }

    /** Dark panel with HH:MM:SS (wall clock) on top and the frame number below. */
    private void drawPanel(Graphics2D g, long n) {
        int digit = height / 10; // digit height
        int panelWidth = digit * 6;
        int panelHeight = digit * 3;
        int left = (width - panelWidth) / 2;
        int top = height - panelHeight - digit / 2;
        g.setColor(new Color(0, 0, 0, 190));
        g.fillRoundRect(left, top, panelWidth, panelHeight, digit / 2, digit / 2);

        LocalTime now = LocalTime.now();
        String clock = String.format("%02d:%02d:%02d", now.getHour(), now.getMinute(), now.getSecond());
        g.setColor(new Color(255, 200, 0));
        drawText(g, clock, left + digit / 3, top + digit / 3, digit);
        g.setColor(new Color(120, 255, 120));
        drawText(g, String.format("%08d", n), left + digit / 3, top + digit * 5 / 3, digit);
    }

    /** Digits and colons, each digit {@code h} high and h/2 wide. */
    private static void drawText(Graphics2D g, String text, int x, int y, int h) {
        int w = h / 2;
        int t = Math.max(2, h / 9); // segment thickness
        for (char c : text.toCharArray()) {
            if (c == ':') {
                g.fillRect(x + t, y + h / 4, t, t);
                g.fillRect(x + t, y + h * 3 / 4 - t, t, t);
                x += 3 * t;
                continue;
            }
            int mask = DIGITS[c - '0'];
            int mid = y + h / 2 - t / 2;
            if ((mask & 0x01) != 0) { g.fillRect(x + t, y, w - 2 * t, t); }               // a
            if ((mask & 0x02) != 0) { g.fillRect(x + w - t, y + t, t, h / 2 - t); }       // b
            if ((mask & 0x04) != 0) { g.fillRect(x + w - t, mid + t, t, h / 2 - t); }     // c
            if ((mask & 0x08) != 0) { g.fillRect(x + t, y + h - t, w - 2 * t, t); }       // d
            if ((mask & 0x10) != 0) { g.fillRect(x, mid + t, t, h / 2 - t); }             // e
            if ((mask & 0x20) != 0) { g.fillRect(x, y + t, t, h / 2 - t); }               // f
            if ((mask & 0x40) != 0) { g.fillRect(x + t, mid, w - 2 * t, t); }             // g
            x += w + t + t / 2;
        }
    }
}
