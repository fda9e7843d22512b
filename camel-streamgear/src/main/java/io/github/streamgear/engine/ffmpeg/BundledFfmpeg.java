package io.github.streamgear.engine.ffmpeg;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The FFmpeg executables of the optional {@code org.bytedeco:ffmpeg} jar. JavaCPP unpacks them into its cache on
 * first use. Reached by reflection so that the component does not depend on that 31 MB jar.
 */
final class BundledFfmpeg {

    private BundledFfmpeg() {
    }

    static Optional<Path> ffmpeg(List<String> looked) {
        return load("org.bytedeco.ffmpeg.ffmpeg", looked);
    }

    static Optional<Path> ffprobe(List<String> looked) {
        return load("org.bytedeco.ffmpeg.ffprobe", looked);
    }

    private static Optional<Path> load(String programClass, List<String> looked) {
        ClassLoader loader = BundledFfmpeg.class.getClassLoader();
        try {
            Class<?> program = Class.forName(programClass, false, loader);
            Class<?> javacpp = Class.forName("org.bytedeco.javacpp.Loader", true, loader);
            Object path = javacpp.getMethod("load", Class.class).invoke(null, program);
            if (path != null) {
                return Optional.of(Path.of(path.toString()));
            }
            looked.add("bundled jar (" + programClass + " did not unpack)");
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            looked.add("bundled jar " + FfmpegLocator.BUNDLED_JAR + " (not on the classpath)");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            looked.add("bundled jar (could not unpack: " + cause + ")");
        }
        return Optional.empty();
    }
}
