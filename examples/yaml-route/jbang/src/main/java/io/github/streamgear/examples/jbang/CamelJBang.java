package io.github.streamgear.examples.jbang;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command of Camel JBang: camel-jbang-core ships the commands but no {@code main()} (the real CLI
 * starts them from a JBang script), so this class is that script's one line. Usage as with the CLI:
 * {@code CamelJBang run route.yaml --dep=GROUP:ARTIFACT:VERSION}.
 */
public final class CamelJBang {

    private CamelJBang() {
    }

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
