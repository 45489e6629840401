package org.keywork.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The generated bad-input run ({@link BadInputRun}) over every write endpoint a service documents, as JUnit tests:
 * one dynamic test per operation, each spoilt request refused with a 4xx problem naming the field and storing
 * nothing. A service's test extends this with its Spring Boot test set-up, puts in place what the endpoints need
 * (a plan, an alert) and gives the run its plausible values ({@link #prepare}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BadInputTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private ApplicationContext context;

    private BadInputRun run;

    /** Puts in place what the write endpoints need, then builds the run (against {@link #baseUrl()}). */
    protected abstract BadInputRun prepare() throws Exception;

    /** The running service's own port. */
    protected String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** A JSON request (or none, for a null body) as an admin, for the set-up. */
    protected HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("X-Keywork-User", "bad-input-admin").header("X-Keywork-Roles", "ADMIN");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @BeforeAll
    void prepareTheRun() throws Exception {
        run = prepare();
    }

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointRefusesBadInputAndStoresNothing() {
        return run.operations().stream().map(op -> DynamicTest.dynamicTest(op.name(), op::run));
    }

    @AfterAll
    void report() {
        System.out.println(run.summary());
        if (run.cases() == 0) {
            throw new AssertionError("the run generated no case at all");
        }
    }
}
