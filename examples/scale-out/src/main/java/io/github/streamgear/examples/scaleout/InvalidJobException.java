package io.github.streamgear.examples.scaleout;

/** A job message that can never succeed as written (bad JSON, unknown version, a value out of bounds): not retried. */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String message) {
        super(message);
    }

    public InvalidJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
