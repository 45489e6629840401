package org.keywork.testing;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Every Spring test context stops its Kafka consumers in a second or two rather than ~17 s. A service's bindings share
 * one consumer group, so each binding's stop makes the group's other consumers rejoin, each at its next poll; in the
 * services an idle poll waits up to {@code fetch.max.wait.ms} (5 s, for an idle stack's CPU), which made closing a
 * test context (a new one for each test class) cost a rebalance of up to 5 s per binding. Tests wait Kafka's own
 * default, 500 ms; nothing else about consuming changes. An application a test starts itself takes
 * {@link #ARGUMENT}.
 */
public class QuickConsumerStopCustomizerFactory implements ContextCustomizerFactory {

    static final String FETCH_MAX_WAIT = "spring.cloud.stream.kafka.binder.consumer-properties.fetch.max.wait.ms";

    static final String MILLIS = "500";

    /** The same setting as a command-line argument, for {@code SpringApplicationBuilder.run(...)}. */
    public static final String ARGUMENT = "--" + FETCH_MAX_WAIT + "=" + MILLIS;

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("quickConsumerStop",
                    Map.of(FETCH_MAX_WAIT, MILLIS)));
        }
    }
}
