package org.keywork.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's {@code spring.mongodb.uri} at the embedded MongoDB wire server (mongo-java-server, in-memory
 * backend), which the real MongoDB driver talks to over TCP. One server per JVM; each annotated test class gets its
 * own database, so test classes never see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedMongoWireServer {
}
