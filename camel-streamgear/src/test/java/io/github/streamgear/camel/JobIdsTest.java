package io.github.streamgear.camel;

import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobIdsTest {

    @Test
    void jobIdsStayInsideTheOutputFolder() {
        assertEquals("movie", JobIds.sanitize("movie"));
        assertEquals("customer-7/intro", JobIds.sanitize("customer-7/intro"));
        assertEquals("etc/passwd", JobIds.sanitize("../../etc/passwd"));
        assertEquals("My_Holiday_2026_", JobIds.sanitize("My Holiday 2026!"));
        assertEquals("a/b", JobIds.sanitize("/a//./b/"));
        StreamGearException e = assertThrows(StreamGearException.class, () -> JobIds.sanitize("../.."));
        assertTrue(e.getMessage().contains("CamelStreamGearJobId"), e.getMessage());
    }

    @Test
    void distinctSourceNamesGiveDistinctIds() {
        List<String> names = List.of("日本", "中国", "a b", "a_b", "a?b", "movie", "Ünïcödé", "a b ", "a  b");
        List<String> ids = names.stream().map(JobIds::fromName).toList();
        assertEquals(names.size(), ids.stream().distinct().count(), "ids " + ids);
        assertEquals("日本", JobIds.fromName("日本"));
        assertEquals("a_b", JobIds.fromName("a_b"));
        assertTrue(JobIds.fromName("a b").matches("a_b-[0-9a-f]{6}"), JobIds.fromName("a b"));
        assertEquals(JobIds.fromName("a b"), JobIds.fromName("a b"), "the same name always gives the same id");
        assertNotEquals(JobIds.fromName("a b"), JobIds.fromName("a?b"));
    }

    @Test
    void namesWithNothingUsableFallBackToTheExchangeId() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        for (String baseName : List.of(".", "..", "...")) { // from "..mp4", "...mp4", "....mp4"
            assertEquals(JobIds.sanitize(exchange.getExchangeId()), JobIds.jobId(exchange, baseName), baseName);
        }
    }
}
