package io.github.streamgear.camel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobIdsTest {

    @Test
    void jobIdsStayInsideTheOutputFolder() {
        assertEquals("movie", JobIds.sanitize("movie"));
        assertEquals("customer-7/intro", JobIds.sanitize("customer-7/intro"));
        assertEquals("etc/passwd", JobIds.sanitize("../../etc/passwd"));
        assertEquals("My_Holiday_2026_", JobIds.sanitize("My Holiday 2026!"));
        assertEquals("a/b", JobIds.sanitize("/a//./b/"));
        assertThrows(IllegalArgumentException.class, () -> JobIds.sanitize("../.."));
    }
}
