package org.keywork.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The role x route table ({@code AccessRules}) replayed against a service's own port ({@link AccessTableReplay}), as
 * JUnit tests: every route the running service maps (its controllers, the actuator, the API document, read from its
 * handler mappings, so that a new endpoint is replayed the day it is added), for a caller without a token and for
 * each role; spoofed identity headers, path tricks, health; tokens with one flaw each. A service's test extends this
 * with its Spring Boot test set-up (RANDOM_PORT, {@code keywork.auth.required=true}, Kafka and the store), names a few
 * of its own routes (a replay of nothing would pass for nothing) and the path values its routes need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AccessTableReplayTests {

    private final List<String> ownRoutes;
    private final Map<String, String> pathValues;

    @Autowired
    private ApplicationContext context;

    private AccessTableReplay replay;

    /**
     * @param ownRoutes  routes the service is known to map, e.g. {@code "GET /api/goals/{itemId}"}
     * @param pathValues values for its path variables beyond the defaults, e.g. {@code alertId -> a-1}
     */
    protected AccessTableReplayTests(List<String> ownRoutes, Map<String, String> pathValues) {
        this.ownRoutes = List.copyOf(ownRoutes);
        this.pathValues = Map.copyOf(pathValues);
    }

    /** Every (method, pattern) of the controllers, the actuator and the API document, as Spring MVC maps them. */
    @BeforeAll
    void routesOfTheRunningService() {
        List<AccessTableReplay.Route> routes = context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values().stream()
                .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                .flatMap(info -> AccessTableReplay.routes(info.getMethodsCondition().getMethods(),
                        info.getPatternValues(), info.getConsumesCondition().getConsumableMediaTypes()).stream())
                .toList();
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        replay = AccessTableReplay.against(port, routes);
        pathValues.forEach(replay::pathValue);
    }

    @Test
    void theReplayCoversTheServicesOwnRoutes() {
        List<String> found = replay.routes().stream().map(Object::toString).toList();
        List<String> missing = new ArrayList<>(ownRoutes);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new AssertionError("the replay misses " + missing + "; it found " + found);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteForEveryCaller() {
        return dynamic(replay.routeCases());
    }

    @TestFactory
    Stream<DynamicTest> spoofedHeadersPathTricksActuatorAndApiDocument() {
        return dynamic(replay.edgeCases());
    }

    @TestFactory
    Stream<DynamicTest> tokensWithOneFlawAreRefused() {
        return dynamic(replay.tokenCases());
    }

    private static Stream<DynamicTest> dynamic(List<AccessTableReplay.Case> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run));
    }
}
