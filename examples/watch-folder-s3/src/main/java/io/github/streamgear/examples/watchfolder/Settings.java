package io.github.streamgear.examples.watchfolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The example's settings: {@code application.properties} on the classpath, each overridden by a JVM system property of
 * the same name ({@code mvn ... exec:java -Ds3.bucket=videos}) or by an environment variable named the Camel way
 * (upper case, dots as underscores: {@code S3_BUCKET=videos}).
 */
final class Settings {

    private final Properties defaults = new Properties();

    Settings() {
        try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read application.properties", e);
        }
    }

    /** The value of a setting, blank values as null. */
    String get(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        if (value == null) {
            value = defaults.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    String get(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    boolean flag(String key, boolean fallback) {
        String value = get(key);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    long number(String key, long fallback) {
        String value = get(key);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " must be a whole number, not '" + value + "'");
        }
    }

    /** A folder setting, resolved against the working directory. */
    Path path(String key, Path fallback) {
        String value = get(key);
        return (value == null ? fallback : Path.of(value)).toAbsolutePath().normalize();
    }
}
