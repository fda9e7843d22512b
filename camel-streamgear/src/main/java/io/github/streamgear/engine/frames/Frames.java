package io.github.streamgear.engine.frames;

import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns a frame body into the bytes FFmpeg reads: {@code byte[]} and {@link ByteBuffer} as they are, a
 * {@link BufferedImage} without copying when its raster already holds the session's layout (e.g. a
 * {@code TYPE_3BYTE_BGR} image for {@code bgr24}), otherwise redrawn once into that layout by Java2D (no per-pixel
 * Java loop).
 */
public final class Frames {

    private Frames() {
    }

    /** The frame's bytes, or null if the body is not a frame type. */
    public static ByteBuffer toBuffer(Object body, FrameFormat format) {
        if (body instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        if (body instanceof ByteBuffer buffer) {
            return buffer;
        }
        if (body instanceof BufferedImage image) {
            return ByteBuffer.wrap(bytes(image, format));
        }
        return null;
    }

    static byte[] bytes(BufferedImage image, FrameFormat format) {
        if (image.getWidth() != format.width() || image.getHeight() != format.height()) {
            throw new IllegalArgumentException("A " + image.getWidth() + "x" + image.getHeight() + " image does not match the"
                    + " session's " + format.width() + "x" + format.height() + " frames");
        }
        int[] bands = bandOffsets(format.pixelFormat());
        byte[] direct = directBytes(image.getRaster(), bands);
        if (direct != null) {
            return direct;
        }
        BufferedImage target = interleaved(format.width(), format.height(), bands);
        Graphics2D g = target.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return ((DataBufferByte) target.getRaster().getDataBuffer()).getData();
    }

    /** Byte order of the channels of each pixel, as Java2D band offsets (R, G, B[, A] or gray). */
    private static int[] bandOffsets(PixelFormat format) {
        return switch (format) {
            case GRAY -> new int[] { 0 };
            case BGR24 -> new int[] { 2, 1, 0 };
            case RGB24 -> new int[] { 0, 1, 2 };
            case BGRA -> new int[] { 2, 1, 0, 3 };
            case RGBA -> new int[] { 0, 1, 2, 3 };
            default -> throw new IllegalArgumentException("BufferedImage frames need pixelFormat gray, bgr24, rgb24, bgra"
                    + " or rgba, not " + format.ffmpegName() + ": send byte[] frames in that format instead");
        };
    }

    /** The raster's own array when it is exactly the interleaved layout wanted, with no padding or offset. */
    private static byte[] directBytes(Raster raster, int[] bands) {
        if (!(raster.getDataBuffer() instanceof DataBufferByte data) || data.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return null;
        }
        int w = raster.getWidth();
        boolean exact = model.getPixelStride() == bands.length && model.getScanlineStride() == w * bands.length
                && Arrays.equals(model.getBandOffsets(), bands) && data.getOffset() == 0
                && data.getData().length == w * raster.getHeight() * bands.length;
        return exact ? data.getData() : null;
    }

    private static BufferedImage interleaved(int w, int h, int[] bands) {
        boolean gray = bands.length == 1;
        boolean alpha = bands.length == 4;
        ComponentColorModel colors = new ComponentColorModel(ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB),
                alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, w * bands.length, bands.length,
                bands, null);
        return new BufferedImage(colors, raster, false, null);
    }
}
