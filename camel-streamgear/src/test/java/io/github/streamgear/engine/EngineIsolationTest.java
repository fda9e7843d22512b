package io.github.streamgear.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine must stay usable and testable without Camel: no Camel type may appear in it. */
class EngineIsolationTest {

    @Test
    void engineSourcesDoNotUseCamel() throws Exception {
        Path engine = Path.of("src/main/java/io/github/streamgear/engine");
        assertTrue(Files.isDirectory(engine), engine.toAbsolutePath().toString());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(engine)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("org.apache.camel");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
