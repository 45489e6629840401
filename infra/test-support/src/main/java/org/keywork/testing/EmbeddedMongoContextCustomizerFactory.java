package org.keywork.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Registers the embedded MongoDB wire server for tests annotated with {@link EmbeddedMongoWireServer}. */
class EmbeddedMongoContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(EmbeddedMongoWireServer.class);
        return annotated ? new Customizer(testClass.getSimpleName()) : null;
    }

    private record Customizer(String database) implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedMongoWireServer",
                    Map.of("spring.mongodb.uri", MongoWireServers.uri(database))));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer c && Objects.equals(c.database, database);
        }

        @Override
        public int hashCode() {
            return database.hashCode();
        }
    }
}
