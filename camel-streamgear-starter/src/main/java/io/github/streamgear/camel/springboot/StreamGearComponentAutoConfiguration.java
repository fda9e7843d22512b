package io.github.streamgear.camel.springboot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.streamgear.camel.StreamGearComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Configures the {@code streamgear} component from the {@code camel.component.streamgear.*} properties, the way
 * Camel's own component starters do: a {@link ComponentCustomizer} that Camel applies when it creates the component,
 * which sets each option through the component's generated configurer.
 * <p>
 * Two differences from Camel's generated starters, both so that a property never does something else than it says:
 * <ul>
 * <li>only the properties the application sets are applied (the others keep the component's own defaults), so that
 * {@code camel.component.streamgear.configuration=#bean:name} keeps the values of that bean for the options the
 * properties do not set; the {@code configuration} option is applied first, the others on top of it;</li>
 * <li>an option the component cannot take fails the startup (Camel Spring Boot 4.18's
 * {@code CamelPropertiesHelper.copyProperties} skips it without a word).</li>
 * </ul>
 * Unknown keys are refused when the properties are bound (see {@link StreamGearComponentConfiguration}).
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, StreamGearComponentConverter.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, StreamGearComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.streamgear" })
public class StreamGearComponentAutoConfiguration {

    static final String PREFIX = "camel.component.streamgear";

    /** Properties of the auto-configuration itself, not options of the component. */
    private static final Set<String> NOT_OPTIONS = Set.of("enabled", "customizer");

    @Lazy
    @Bean
    public ComponentCustomizer configureStreamGearComponent(ApplicationContext applicationContext,
            CamelContext camelContext, StreamGearComponentConfiguration configuration) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                applyProperties(camelContext, applicationContext.getEnvironment(), configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        PREFIX + ".customizer") && target instanceof StreamGearComponent;
            }
        };
    }

    /** Sets every option the environment configures on the component, {@code configuration} first. */
    static void applyProperties(CamelContext camelContext, Environment environment,
            StreamGearComponentConfiguration configuration, Component component) {
        Map<String, Object> options = new LinkedHashMap<>();
        Object shared = configuration.getConfiguration();
        if (shared != null && isConfigured(environment, "configuration")) {
            options.put("configuration", shared);
        }
        CamelPropertiesHelper.getNonNullProperties(camelContext, configuration).forEach((option, value) -> {
            if (!NOT_OPTIONS.contains(option) && !options.containsKey(option) && isConfigured(environment, option)) {
                options.put(option, value);
            }
        });
        if (options.isEmpty()) {
            return;
        }
        ServiceHelper.initService(component); // the configurer is resolved when the component initialises
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        options.forEach((option, value) -> {
            boolean set;
            try {
                set = PropertyBindingSupport.build().withConfigurer(configurer).withIgnoreCase(true).withMandatory(true)
                        .bind(camelContext, component, option, value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot set " + key(option) + "=" + value + " on the streamgear component: "
                        + e.getMessage(), e);
            }
            if (!set) {
                throw new IllegalArgumentException("Cannot set " + key(option) + " on the streamgear component: it has no"
                        + " such option");
            }
        });
    }

    /** Whether a property source of the environment sets the option (or, for a map, list or bean, part of it). */
    static boolean isConfigured(Environment environment, String option) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key(option));
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(name) != null
                    || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /** {@code segmentDuration} to {@code camel.component.streamgear.segment-duration}. */
    static String key(String option) {
        return PREFIX + "." + StringHelper.camelCaseToDash(option).toLowerCase(Locale.ROOT);
    }
}
