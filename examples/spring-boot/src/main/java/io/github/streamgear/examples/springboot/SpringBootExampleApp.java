package io.github.streamgear.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with Camel: {@link VideoRoutes} turns every video dropped into the inbox into adaptive
 * streams, with the streamgear component configured in {@code application.properties}
 * ({@code camel.component.streamgear.*}). With {@code app.demo=true}, {@link Demo} transcodes a generated sample and
 * exits.
 */
@SpringBootApplication
public class SpringBootExampleApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootExampleApp.class, args);
    }
}
