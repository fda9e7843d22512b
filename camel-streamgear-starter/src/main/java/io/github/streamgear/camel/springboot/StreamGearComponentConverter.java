package io.github.streamgear.camel.springboot;

import java.util.Set;

import io.github.streamgear.camel.StreamGearConfiguration;
import io.github.streamgear.engine.protection.KeyProvider;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets {@code camel.component.streamgear.configuration} and {@code camel.component.streamgear.key-provider} name a
 * Spring bean, as Camel's starters do for options of an object type: {@code #bean:name} or {@code #name}. Any other value is left to Spring Boot's own conversion (which
 * refuses it).
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
public class StreamGearComponentConverter implements GenericConverter {

    private final ApplicationContext applicationContext;

    public StreamGearComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, StreamGearConfiguration.class),
                new ConvertiblePair(String.class, KeyProvider.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String ref = source.toString();
        if (!ref.startsWith("#")) {
            return null;
        }
        ref = ref.startsWith("#bean:") ? ref.substring(6) : ref.substring(1);
        return applicationContext.getBean(ref, targetType.getType());
    }
}
