package org.keywork.testing;

import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A generated bad-input run over every write endpoint of a running service: the operations are read from the
 * service's own OpenAPI document ({@code GET /v3/api-docs}), so a new endpoint is in the run without anyone listing
 * it, and an operation for which nothing could be generated fails the run rather than being skipped.
 *
 * <p>For each {@code POST}, {@code PUT}, {@code PATCH} and {@code DELETE} operation it builds a plausible request
 * (every property of the request body's schema with a value of its type, {@code $ref}, {@code allOf} and
 * {@code oneOf} resolved; path variables and named properties from {@link Builder#value}) and spoils it one thing at a
 * time ({@link BadInputCases}): a property of the wrong JSON type, non-finite or out-of-range numbers, control
 * characters and lone surrogates in text, dates and durations in shapes other than ISO-8601, text over its declared
 * length; the whole body empty, {@code null}, truncated, not UTF-8, nested 10,000 deep, with a duplicate member, of
 * the wrong content type; uploads empty, binary, a zip that is no workbook, a CSV cell that is a spreadsheet formula
 * or holds a NUL; path variables and typed query parameters with injection shapes.
 *
 * <p>Each must be refused: a 4xx (never 5xx, never 2xx) {@code application/problem+json} whose {@code status} is the
 * HTTP status, whose {@code title} and {@code detail} are in Chinese and, where one property was spoilt, whose
 * {@code errors} name it by its JSON path ({@code percents[0]}, {@code contacts.email}, {@code rows[2].note}); and the
 * service's database must be as it was (every collection's documents, counted and digested, so an event queued in a
 * document's embedded outbox counts too). Injection-shaped text where text is meant ({@code <script>}, {@code $where},
 * {@code '; DROP}) may be refused, or accepted if it is then stored exactly as sent, never interpreted.
 *
 * <p>Use it from a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test, one dynamic test per operation:
 * <pre>{@code
 * BadInputRun run = BadInputRun.against("http://127.0.0.1:" + port, mongo.getDb())
 *         .value("year", 2021).value("itemId", "5.6").build();
 * return run.operations().stream().map(op -> DynamicTest.dynamicTest(op.name(), op::run));
 * }</pre>
 */
public final class BadInputRun {

    /** The identity sent with every request: an admin, so that access is never the reason for a refusal. */
    public static final Map<String, String> ADMIN = Map.of(
            "X-Keywork-User", "bad-input-admin",
            "X-Keywork-Roles", "ADMIN");

    /** The JSON {@code null}, as a {@link Builder#value}: the property is sent, as null. */
    public static final Object NULL = JsonText.NULL;

    private static final Set<String> WRITE_METHODS = Set.of("post", "put", "patch", "delete");
    private static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fff]");
    private static final Duration QUIET = Duration.ofMillis(250);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    private final String baseUrl;
    private final MongoDatabase store;
    private final Map<String, String> identity;
    private final Map<String, String> excluded;
    private final List<Operation> operations;
    private int snapshots;
    private long snapshotNanos;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private BadInputRun(Builder builder, List<Operation> operations) {
        this.baseUrl = builder.baseUrl;
        this.store = builder.store;
        this.identity = Map.copyOf(builder.identity);
        this.excluded = Map.copyOf(builder.excluded);
        this.operations = operations;
    }

    /** A run against the service at {@code baseUrl} (no trailing slash) whose database is {@code store}. */
    public static Builder against(String baseUrl, MongoDatabase store) {
        return new Builder(baseUrl, store);
    }

    /** Every write operation the service documents, by path then method, each with its generated cases. */
    public List<Operation> operations() {
        return operations;
    }

    /** The number of cases generated over all operations. */
    public int cases() {
        return operations.stream().mapToInt(Operation::cases).sum();
    }

    /**
     * The total, then one line per operation: cases generated, sent, refused, accepted as literal text, and the time
     * taken; then the store snapshots taken and any collections left out of them (with why).
     */
    public String summary() {
        StringBuilder out = new StringBuilder("Bad-input run: " + operations.size() + " write operations, " + cases()
                + " cases\n");
        for (Operation op : operations) {
            out.append(String.format("  %-58s %4d cases, %4d sent, %4d refused, %3d accepted as literal text, "
                    + "%5.1f s%s%n", op.name(), op.cases(), op.sent, op.refused, op.acceptedLiterally,
                    op.millis / 1000.0, op.withoutInput == null ? "" : " (no input: " + op.withoutInput + ")"));
        }
        out.append(String.format("  store snapshots: %d, %.1f s%s%n", snapshots, snapshotNanos / 1e9,
                excluded.isEmpty() ? "" : "; collections left out: " + excluded));
        return out.toString();
    }

    /** Configures a run; {@link #build} reads the service's OpenAPI document and generates the cases. */
    public static final class Builder {

        private final String baseUrl;
        private final MongoDatabase store;
        private final Map<String, String> identity = new LinkedHashMap<>(ADMIN);
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, List<BadInputCases.Sample>> samples = new LinkedHashMap<>();
        private final Map<String, String> withoutInput = new LinkedHashMap<>();
        private final Map<String, String> excluded = new LinkedHashMap<>();

        private Builder(String baseUrl, MongoDatabase store) {
            this.baseUrl = baseUrl;
            this.store = store;
        }

        /** Identity headers sent with every request instead of {@link #ADMIN}. */
        public Builder identity(Map<String, String> headers) {
            identity.clear();
            identity.putAll(headers);
            return this;
        }

        /**
         * The plausible value of a path variable, query parameter or body property named {@code name} (or
         * {@code Schema.property} for one schema's property only): a String, Number, Boolean or List of them.
         */
        public Builder value(String name, Object value) {
            values.put(name, value);
            return this;
        }

        /**
         * A valid body of a non-JSON media type for {@code operation} ({@code "POST /api/progress/bulk"}), e.g. a CSV
         * with a header row and data rows, whose cells the run spoils one at a time. Needed for every operation that
         * takes {@code text/csv}.
         */
        public Builder sample(String operation, String contentType, byte[] body) {
            samples.computeIfAbsent(operation, k -> new ArrayList<>())
                    .add(new BadInputCases.Sample(contentType, body));
            return this;
        }

        /** Acknowledges an operation that takes no input at all (no body, no parameters), saying why. */
        public Builder withoutInput(String operation, String why) {
            withoutInput.put(operation, why);
            return this;
        }

        /**
         * Leaves a collection out of the "nothing stored" comparison; only for one a background timer of the test
         * context legitimately changes, saying which and why.
         */
        public Builder excludeCollection(String name, String why) {
            excluded.put(name, why);
            return this;
        }

        /** Reads {@code /v3/api-docs} and generates the cases; fails if an operation got none. */
        public BadInputRun build() {
            String document = get(baseUrl + "/v3/api-docs");
            @SuppressWarnings("unchecked")
            Map<String, Object> api = (Map<String, Object>) JsonText.parse(document);
            BadInputCases generator = new BadInputCases(api, values, samples);
            List<Operation> operations = new ArrayList<>();
            List<String> uncovered = new ArrayList<>();
            Set<String> documented = new LinkedHashSet<>();
            for (Map.Entry<String, Object> path : map(api.get("paths")).entrySet()) {
                for (Map.Entry<String, Object> method : map(path.getValue()).entrySet()) {
                    if (!WRITE_METHODS.contains(method.getKey())) {
                        continue;
                    }
                    String name = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    documented.add(name);
                    List<BadInputCases.Case> cases = generator.cases(method.getKey().toUpperCase(Locale.ROOT),
                            path.getKey(), map(method.getValue()));
                    String why = withoutInput.get(name);
                    if (cases.isEmpty() && why == null) {
                        uncovered.add(name);
                    }
                    if (!cases.isEmpty() && why != null) {
                        throw new IllegalStateException(name + " is declared to take no input, but its document "
                                + "describes some: " + cases.size() + " cases were generated");
                    }
                    operations.add(new Operation(name, cases, why));
                }
            }
            // a documented, repeatable order: by path, then POST, PUT, PATCH, DELETE (a path's deletion last)
            operations.sort(Comparator.comparing((Operation op) -> op.name.substring(op.name.indexOf(' ')))
                    .thenComparing(op -> List.of("POST", "PUT", "PATCH", "DELETE").indexOf(
                            op.name.substring(0, op.name.indexOf(' ')))));
            if (operations.isEmpty()) {
                throw new AssertionError("the OpenAPI document at " + baseUrl + "/v3/api-docs lists no write "
                        + "operation");
            }
            if (!uncovered.isEmpty()) {
                throw new AssertionError("no bad-input case could be generated for " + uncovered + ": describe "
                        + "their input in the OpenAPI document (request body schema, parameters), give a sample, or "
                        + "declare them withoutInput(…) saying why");
            }
            for (String name : withoutInput.keySet()) {
                if (!documented.contains(name)) {
                    throw new IllegalStateException("withoutInput(" + name + "): the service has no such operation");
                }
            }
            for (String name : samples.keySet()) {
                if (!documented.contains(name)) {
                    throw new IllegalStateException("sample(" + name + "): the service has no such operation");
                }
            }
            BadInputRun run = new BadInputRun(this, operations);
            operations.forEach(op -> op.owner = run);
            return run;
        }

        private static String get(String url) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(
                                StandardCharsets.UTF_8));
                if (response.statusCode() != 200) {
                    throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new AssertionError("cannot read " + url, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted reading " + url, e);
            }
        }
    }

    /** One write operation and its cases; {@link #run} sends them all and fails naming every case that failed. */
    public static final class Operation {

        private final String name;
        private final List<BadInputCases.Case> cases;
        private final String withoutInput;
        private BadInputRun owner;
        private int sent;
        private int refused;
        private int acceptedLiterally;
        private long millis;

        private Operation(String name, List<BadInputCases.Case> cases, String withoutInput) {
            this.name = name;
            this.cases = List.copyOf(cases);
            this.withoutInput = withoutInput;
        }

        /** {@code METHOD /path/{template}} as the OpenAPI document names it. */
        public String name() {
            return name;
        }

        /** The number of cases generated for this operation. */
        public int cases() {
            return cases.size();
        }

        /** The mutations, one line each (for a report or a failing test's message). */
        public List<String> mutations() {
            return cases.stream().map(BadInputCases.Case::mutation).toList();
        }

        /** Sends every case and asserts its answer and the store; one AssertionError listing every failure. */
        public void run() {
            long started = System.nanoTime();
            try {
                runCases();
            } finally {
                millis = (System.nanoTime() - started) / 1_000_000;
            }
        }

        private void runCases() {
            List<String> failures = new ArrayList<>();
            StoreSnapshot before = owner.settled();
            for (BadInputCases.Case c : cases) {
                sent++;
                try {
                    before = owner.check(this, c, before);
                } catch (AssertionError e) {
                    failures.add(c.mutation() + " [" + c.method() + " " + c.target() + "]: " + e.getMessage());
                    before = owner.settled();
                }
            }
            if (!failures.isEmpty()) {
                throw new AssertionError(name + ": " + failures.size() + " of " + cases.size()
                        + " bad-input cases failed:\n  - " + String.join("\n  - ", failures));
            }
        }
    }

    // ---- running one case

    /** Sends {@code c}, asserts the answer and what the store holds after it; returns the store as it now stands. */
    private StoreSnapshot check(Operation op, BadInputCases.Case c, StoreSnapshot before) {
        HttpResponse<byte[]> response = send(c);
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 200 && status < 300 && c.expect() instanceof BadInputCases.Text text) {
            // accepted text must be stored as sent; an acceptance that changed nothing (a repeated acknowledgement
            // keeps the first) stored nothing to look at
            StoreSnapshot after = settled();
            if (!after.equals(before) && !StoreSnapshot.holdsText(store, excluded.keySet(), text.literal())) {
                throw new AssertionError("accepted (" + status + ") and stored " + after.changesSince(before)
                        + ", but the text " + JsonText.quote(text.literal()) + " is nowhere in the store as sent");
            }
            op.acceptedLiterally++;
            return after;
        }
        assertProblem(c, status, response.headers().firstValue("Content-Type").orElse(""), body);
        StoreSnapshot after = snapshot();
        List<String> changes = after.changesSince(before);
        if (!changes.isEmpty()) {
            throw new AssertionError("refused with " + status + " but the store changed: " + changes);
        }
        op.refused++;
        return after;
    }

    private static void assertProblem(BadInputCases.Case c, int status, String contentType, String body) {
        String shown = body.length() > 600 ? body.substring(0, 600) + "…" : body;
        if (status < 400 || status >= 500) {
            throw new AssertionError("expected a 4xx refusal, got " + status + ": " + shown);
        }
        if (!contentType.startsWith("application/problem+json")) {
            throw new AssertionError(status + " with Content-Type '" + contentType + "', not application/problem+json: "
                    + shown);
        }
        Map<String, Object> problem;
        try {
            problem = map(JsonText.parse(body));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new AssertionError(status + " problem body is not a JSON object (" + e.getMessage() + ")");
        }
        if (!(problem.get("status") instanceof BigDecimal s) || s.intValue() != status) {
            throw new AssertionError("answered " + status + " but the problem says status " + problem.get("status")
                    + ": " + shown);
        }
        for (String member : List.of("title", "detail")) {
            if (!(problem.get(member) instanceof String text) || !CHINESE.matcher(text).find()) {
                throw new AssertionError("the problem's " + member + " is not in Chinese: " + shown);
            }
        }
        String field = c.expect() instanceof BadInputCases.Refusal refusal ? refusal.field() : null;
        if (field == null) {
            return;
        }
        List<String> named = new ArrayList<>();
        if (problem.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> e && e.get("field") instanceof String f) {
                    named.add(f);
                }
            }
        }
        if (!named.contains(field)) {
            throw new AssertionError(status + " refusal names " + named + ", not " + field + ": " + shown);
        }
    }

    private HttpResponse<byte[]> send(BadInputCases.Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + c.target()))
                .timeout(Duration.ofSeconds(60))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        identity.forEach(request::header);
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("the request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The store once it has stopped changing: no event waiting in an outbox, and nothing changed for {@link #QUIET}.
     * After an accepted request its events leave the outbox and may come back through Kafka, and none of that may be
     * charged to the next case.
     */
    private StoreSnapshot settled() {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        StoreSnapshot last = snapshot();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            sleep(50);
            StoreSnapshot now = snapshot();
            if (!now.equals(last) || now.pendingEvents() > 0) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= QUIET.toNanos()) {
                return now;
            }
        }
        throw new AssertionError("the store kept changing for " + SETTLE_TIMEOUT + "; exclude a collection that a "
                + "timer changes (excludeCollection) or stop the timer in the test");
    }

    private StoreSnapshot snapshot() {
        long started = System.nanoTime();
        StoreSnapshot snapshot = StoreSnapshot.of(store, excluded.keySet());
        snapshots++;
        snapshotNanos += System.nanoTime() - started;
        return snapshot;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

}
