package org.keywork.testing;

import static org.keywork.testing.BadInputRun.concat;
import static org.keywork.testing.BadInputRun.encode;
import static org.keywork.testing.BadInputRun.map;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keywork.testing.JsonText.Raw;

/**
 * Generates the bad requests of one write operation from its OpenAPI description (see {@link BadInputRun}). Every
 * case says what it spoilt and what the answer must be: a {@link Refusal} (naming a field, or not), or for
 * injection-shaped {@link Text} where text is meant, a refusal or an acceptance that stores it as sent.
 */
final class BadInputCases {

    /** A valid body of a non-JSON media type, given by the test (e.g. a CSV with its header and rows). */
    record Sample(String contentType, byte[] body) {
    }

    /** What the answer to a case must be. */
    sealed interface Expect permits Refusal, Text {
    }

    /** A 4xx problem, naming {@code field} in its {@code errors} when it is not null; nothing stored. */
    record Refusal(String field) implements Expect {
    }

    /** Refused as a {@link Refusal} without a field, or accepted with {@code literal} stored exactly as sent. */
    record Text(String literal) implements Expect {
    }

    /**
     * One request: what was spoilt ({@code mutation}), the method, the path with its query ({@code target}), the
     * content type (null: none sent), the body bytes (null: none).
     */
    record Case(String mutation, String method, String target, String contentType, byte[] body, Expect expect) {
    }

    // ---- what is tried

    /** Control characters other than tab and line breaks: C0, DEL and C1; each must be refused where text is meant. */
    static final List<String> CONTROL = List.of("a\u0000b", "\u0001", "a\u001b[31mb", "a\u007fb", "a\u0085b",
            "a\u009bb");
    /** Lone surrogates: not text at all; UTF-8 cannot even encode them. */
    static final List<String> LONE_SURROGATES = List.of("a\ud800b", "\udc00");
    /**
     * Injection shapes as text, and Unicode that is odd but text (right-to-left override, zero-width space,
     * characters outside the BMP): legitimate where free text is meant, but only ever stored as sent. A few shapes
     * share a literal, so that every string property gets each shape without a write per shape.
     */
    static final List<String> TEXT = List.of("<script>alert(1)</script>", "'; DROP TABLE t; -- {\"$gt\": \"\"}",
            "../../etc/passwd ${jndi:ldap://x/a}", "=cmd|' /C calc'!A0", "\u202e右到左 零宽\u200b 😀𠀀");
    static final List<String> NOT_ISO_DATES = List.of("2021/03/01", "2021-13-40", "01.03.2021", "2021-3-1",
            "20210301", "1616925600", "2021-03-01T00:00:00Z");
    static final List<String> NOT_ISO_DATE_TIMES = List.of("2021/03/01 10:00", "2021-13-40T25:61:00+08:00",
            "1616925600", "2021-03-01", "2021-03-01T10:00:00", "yesterday");
    static final List<String> UNBOUNDED_DURATIONS = List.of("PT9223372036854775807S", "P106751991167300D",
            "-P1D", "P", "thirty days", "1D");
    /** Path variables: traversal, NUL, SQL and operator injection, markup; each as it travels, percent-encoded. */
    static final List<String> PATH_INJECTIONS = List.of("..%2F..%2Fetc%2Fpasswd", "%00", "1.1'%20OR%20'1'%3D'1",
            "%7B%22%24gt%22%3A%22%22%7D", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%24where");
    static final int LONG_TEXT = 100_000;
    static final int DEEP = 10_000;

    private static final String JSON = "application/json";
    private static final String MULTIPART = "multipart/form-data";
    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, 0x28};
    private static final byte[] ENCODED_SURROGATE = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    private static final byte[] OVERLONG_SLASH = {(byte) 0xC0, (byte) 0xAF};
    private static final byte[] ZIP_NOT_A_WORKBOOK = concat(new byte[] {'P', 'K', 3, 4}, "not a workbook, only "
            .getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 0, 0, 20, 0, 8, 8}, garbage(64));

    private final Map<String, Object> schemas;
    private final Map<String, Object> values;
    private final Map<String, List<Sample>> samples;

    BadInputCases(Map<String, Object> api, Map<String, Object> values, Map<String, List<Sample>> samples) {
        this.schemas = map(map(api.get("components")).get("schemas"));
        this.values = values;
        this.samples = samples;
    }

    /** Every case of one operation: refusals first, then the text that may be accepted (which may change state). */
    List<Case> cases(String method, String template, Map<String, Object> operation) {
        Operation op = new Operation(method, template, operation);
        List<Case> refusals = new ArrayList<>();
        List<Case> texts = new ArrayList<>();
        Map<String, Object> content = map(map(operation.get("requestBody")).get("content"));
        boolean bodyRequired = Boolean.TRUE.equals(map(operation.get("requestBody")).get("required"));
        for (Map.Entry<String, Object> media : content.entrySet()) {
            String type = media.getKey();
            Object schema = map(media.getValue()).get("schema");
            if (isJson(type)) {
                jsonCases(op, schema, bodyRequired, content.keySet(), refusals, texts);
            } else if (type.startsWith(MULTIPART)) {
                multipartCases(op, resolve(schema), refusals);
            } else {
                uploadCases(op, type, refusals);
            }
        }
        List<Sample> given = samples.getOrDefault(op.name, List.of());
        for (Sample sample : given) {
            if (content.keySet().stream().noneMatch(type -> sameType(type, sample.contentType()))) {
                throw new IllegalStateException("sample for " + op.name + " is " + sample.contentType()
                        + ", which it does not take: " + content.keySet());
            }
            sheetCases(op, sample, refusals);
        }
        if (content.containsKey("text/csv")
                && given.stream().noneMatch(s -> sameType("text/csv", s.contentType()))) {
            throw new IllegalStateException(op.name + " takes text/csv: give a sample CSV (header and one data row), "
                    + "so that formula and control-character cells are tried");
        }
        pathCases(op, content, refusals);
        queryCases(op, content, refusals);
        refusals.addAll(texts);
        return refusals;
    }

    // ---- the operation's plausible request

    /** One operation: its path with plausible variables, its parameters and the base of every case. */
    private final class Operation {

        final String method;
        final String template;
        final String name;
        final List<Map<String, Object>> parameters = new ArrayList<>();

        Operation(String method, String template, Map<String, Object> operation) {
            this.method = method;
            this.template = template;
            this.name = method + " " + template;
            if (operation.get("parameters") instanceof List<?> list) {
                list.forEach(p -> parameters.add(map(p)));
            }
        }

        List<Map<String, Object>> in(String where) {
            return parameters.stream().filter(p -> where.equals(p.get("in"))).toList();
        }

        /** The path with every variable plausible, {@code override} (raw, already encoded) for one of them. */
        String path(String variable, String override) {
            String path = template;
            for (Map<String, Object> p : in("path")) {
                String name = (String) p.get("name");
                String value = name.equals(variable) ? override : encode(String.valueOf(plausible(name, p)));
                path = path.replace("{" + name + "}", value);
            }
            return path;
        }

        /** The path and the required query parameters, {@code override} (raw) for {@code parameter} if given. */
        String target(String parameter, String override) {
            StringBuilder query = new StringBuilder();
            for (Map<String, Object> p : in("query")) {
                String name = (String) p.get("name");
                String value = name.equals(parameter) ? override
                        : Boolean.TRUE.equals(p.get("required")) || values.containsKey(name)
                                ? encode(String.valueOf(plausible(name, p))) : null;
                if (value != null) {
                    query.append(query.isEmpty() ? '?' : '&').append(encode(name)).append('=').append(value);
                }
            }
            return path(null, null) + query;
        }

        Object plausible(String name, Map<String, Object> parameter) {
            if (values.containsKey(name)) {
                return values.get(name);
            }
            Map<String, Object> schema = resolve(parameter.get("schema"));
            if (schema.get("default") != null && schema.get("default") != JsonText.NULL) {
                return schema.get("default");
            }
            if ("path".equals(parameter.get("in"))) {
                throw new IllegalStateException(name + " in " + this.name + ": give a plausible value(\"" + name
                        + "\", …) for the path variable");
            }
            return switch (String.valueOf(type(schema))) {
                case "integer" -> 1;
                case "number" -> 1;
                case "boolean" -> false;
                default -> "1";
            };
        }

        Case with(String mutation, String target, String contentType, byte[] body, Expect expect) {
            return new Case(mutation, method, target, contentType, body, expect);
        }
    }

    // ---- JSON bodies

    private void jsonCases(Operation op, Object rawSchema, boolean required, Set<String> accepted,
            List<Case> refusals, List<Case> texts) {
        Map<String, Object> schema = resolve(rawSchema);
        List<Variant> variants = variants(schema);
        String target = op.target(null, null);
        Set<String> bound = new LinkedHashSet<>();
        Set<String> common = new LinkedHashSet<>(properties(variants.get(0).schema()).keySet());
        variants.forEach(v -> common.retainAll(properties(v.schema()).keySet()));
        for (Variant variant : variants) {
            Map<String, Object> skeleton = variant.skeleton();
            String label = variants.size() > 1 ? variant.name() + " " : "";
            for (Map.Entry<String, Object> property : properties(variant.schema()).entrySet()) {
                if (variant != variants.get(0) && common.contains(property.getKey())) {
                    continue; // what every variant has (the discriminator, shared fields): once, with the first
                }
                List<Object> path = List.of(property.getKey());
                propertyCases(op, target, label, skeleton, path, resolve(property.getValue()), bound, refusals,
                        texts);
            }
            if (!skeleton.isEmpty()) {
                Map<String, Object> unknown = new LinkedHashMap<>(skeleton);
                unknown.put("$where", "1");
                refusals.add(op.with(label + "$where: a member the schema does not have", target, JSON,
                        utf8(JsonText.write(unknown)), new Refusal("$where")));
            }
        }
        Map<String, Object> skeleton = variants.get(0).skeleton();
        String text = JsonText.write(skeleton);
        if (required) {
            refusals.add(op.with("body: empty", target, JSON, new byte[0], new Refusal("body")));
            refusals.add(op.with("body: null", target, JSON, utf8("null"), new Refusal("body")));
        }
        for (String other : List.of("[]", "\"text\"", "12", "true")) {
            refusals.add(op.with("body: " + other + " instead of an object", target, JSON, utf8(other),
                    new Refusal("body")));
        }
        refusals.add(op.with("body: truncated", target, JSON, utf8(text.substring(0, text.length() - 1)),
                new Refusal("body")));
        refusals.add(op.with("body: a comment", target, JSON, utf8("/* x */" + text), new Refusal("body")));
        if (!skeleton.isEmpty()) {
            refusals.add(op.with("body: single quotes", target, JSON, utf8(text.replace('"', '\'')),
                    new Refusal("body")));
            refusals.add(op.with("body: a trailing comma", target, JSON, utf8(text.substring(0, text.length() - 1)
                    + ",}"), new Refusal("body")));
        }
        for (byte[] bad : List.of(INVALID_UTF8, ENCODED_SURROGATE, OVERLONG_SLASH)) {
            refusals.add(op.with("body: not UTF-8 (" + hex(bad) + ") in a member name", target, JSON,
                    concat(utf8("{\"x"), bad, utf8("\":\"a\"" + (skeleton.isEmpty() ? "" : ",") + text.substring(1))),
                    new Refusal("body")));
        }
        refusals.add(op.with("body: arrays nested " + DEEP + " deep", target, JSON,
                utf8("[".repeat(DEEP) + "]".repeat(DEEP)), new Refusal(null)));
        if (!skeleton.isEmpty()) {
            String first = skeleton.keySet().iterator().next();
            refusals.add(op.with("body: objects nested " + DEEP + " deep in " + first, target, JSON,
                    utf8("{" + JsonText.quote(first) + ":" + "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP) + "}"),
                    new Refusal(null)));
            refusals.add(op.with("body: " + first + " twice (duplicate member)", target, JSON,
                    utf8("{" + JsonText.quote(first) + ":" + JsonText.write(skeleton.get(first)) + "," + text
                            .substring(1)), new Refusal(null)));
        }
        for (String wrong : List.of("application/xml", "text/plain", "application/x-www-form-urlencoded")) {
            if (accepted.stream().noneMatch(type -> sameType(type, wrong) || type.equals("text/*")
                    && wrong.startsWith("text/"))) {
                refusals.add(op.with("Content-Type: " + wrong, target, wrong, utf8(text),
                        new Refusal("Content-Type")));
            }
        }
        if (accepted.stream().noneMatch(type -> sameType(type, "application/octet-stream"))) {
            refusals.add(op.with("Content-Type: none", target, null, utf8(text), new Refusal("Content-Type")));
        }
    }

    /**
     * The mutations of one property at {@code path} (its own, then its members' or elements'). Those that the JSON
     * reader refuses whatever the body's variant (wrong type, control characters, out of range) are generated once
     * per property path, type and declared limits ({@code bound}); the text that may be accepted, for each variant.
     */
    private void propertyCases(Operation op, String target, String label, Map<String, Object> skeleton,
            List<Object> path, Map<String, Object> schema, Set<String> bound, List<Case> refusals, List<Case> texts) {
        String field = show(path);
        String type = type(schema);
        String format = schema.get("format") instanceof String f ? f : null;
        boolean first = bound.add(String.join("|", field, String.valueOf(type), String.valueOf(format),
                String.valueOf(schema.get("maxLength")), String.valueOf(schema.get("minimum")),
                String.valueOf(schema.get("maximum")), String.valueOf(schema.get("maxItems"))));
        List<Mutation> bad = new ArrayList<>();
        List<String> text = new ArrayList<>();
        if (type == null) {
            return; // any JSON value is meant: no wrong type
        }
        switch (type) {
            case "string" -> {
                bad.add(new Mutation("number instead of text", new Raw("12"), field));
                bad.add(new Mutation("boolean instead of text", true, field));
                bad.add(new Mutation("object {\"$gt\": \"\"} instead of text", Map.of("$gt", ""), field));
                bad.add(new Mutation("array instead of text", List.of("x"), field));
                CONTROL.forEach(s -> bad.add(new Mutation("control character " + escaped(s), s, field)));
                LONE_SURROGATES.forEach(s -> bad.add(new Mutation("lone surrogate " + escaped(s), s, field)));
                if (schema.get("maxLength") instanceof BigDecimal max && max.intValue() < LONG_TEXT) {
                    bad.add(new Mutation("text of " + (max.intValue() + 1) + " characters (limit " + max + ")",
                            "字".repeat(max.intValue() + 1), field));
                }
                bad.add(new Mutation("text of " + LONG_TEXT + " characters", "长".repeat(LONG_TEXT), null));
                if ("date".equals(format)) {
                    NOT_ISO_DATES.forEach(s -> bad.add(new Mutation("date as " + s, s, field)));
                    bad.add(new Mutation("date as a number of seconds", new Raw("1616925600"), field));
                    bad.add(new Mutation("date as an array", List.of(2021, 3, 1), field));
                } else if ("date-time".equals(format)) {
                    NOT_ISO_DATE_TIMES.forEach(s -> bad.add(new Mutation("date-time as " + s, s, field)));
                    bad.add(new Mutation("date-time as 1e309", new Raw("1e309"), field));
                } else if ("duration".equals(format)) {
                    UNBOUNDED_DURATIONS.forEach(s -> bad.add(new Mutation("duration " + s, s, field)));
                }
                int max = schema.get("maxLength") instanceof BigDecimal m ? m.intValue() : Integer.MAX_VALUE;
                TEXT.stream().filter(t -> t.length() <= max).forEach(text::add);
            }
            case "number", "integer" -> {
                boolean integer = type.equals("integer");
                bad.add(new Mutation("text \"1\" instead of a number", "1", field));
                bad.add(new Mutation("boolean instead of a number", true, field));
                bad.add(new Mutation("object instead of a number", Map.of("$gt", 0), field));
                bad.add(new Mutation("array instead of a number", List.of(1), field));
                bad.add(new Mutation("1e309 (beyond a double)", new Raw("1e309"), field));
                bad.add(new Mutation("-1e309", new Raw("-1e309"), field));
                bad.add(new Mutation("NaN (not JSON)", new Raw("NaN"), "body"));
                bad.add(new Mutation("Infinity (not JSON)", new Raw("Infinity"), "body"));
                if (integer) {
                    bad.add(new Mutation("1.5 where a whole number is meant", new Raw("1.5"), field));
                    bad.add(new Mutation("1e20 where a whole number is meant", new Raw("1e20"), field));
                    bad.add(new Mutation("99999999999999999999 (beyond a long)", new Raw("99999999999999999999"),
                            field));
                    if ("int32".equals(format)) {
                        bad.add(new Mutation("2147483648 (beyond an int)", new Raw("2147483648"), field));
                    }
                } else {
                    bad.add(new Mutation("1e-400 (not zero, but below a double)", new Raw("1e-400"), field));
                }
                if (schema.get("maximum") instanceof BigDecimal max) {
                    bad.add(new Mutation("over its maximum " + max.toPlainString(), new Raw(max.multiply(BigDecimal.TEN)
                            .add(BigDecimal.ONE).toPlainString()), field));
                }
                if (schema.get("minimum") instanceof BigDecimal min) {
                    bad.add(new Mutation("under its minimum " + min.toPlainString(), new Raw(min.subtract(
                            BigDecimal.ONE).toPlainString()), field));
                }
            }
            case "boolean" -> {
                bad.add(new Mutation("text \"true\" instead of a boolean", "true", field));
                bad.add(new Mutation("text \"yes\" instead of a boolean", "yes", field));
                bad.add(new Mutation("number 1 instead of a boolean", new Raw("1"), field));
                bad.add(new Mutation("object instead of a boolean", Map.of(), field));
                bad.add(new Mutation("array instead of a boolean", List.of(true), field));
            }
            case "array" -> {
                bad.add(new Mutation("text instead of an array", "x", field));
                bad.add(new Mutation("number instead of an array", new Raw("1"), field));
                bad.add(new Mutation("object instead of an array", Map.of("0", "x"), field));
                Map<String, Object> items = resolve(schema.get("items"));
                if (schema.get("maxItems") instanceof BigDecimal max && max.intValue() < 10_000) {
                    List<Object> many = new ArrayList<>();
                    for (int i = 0; i <= max.intValue(); i++) {
                        many.add(skeletonValue(items, null, null, 1));
                    }
                    bad.add(new Mutation((max.intValue() + 1) + " elements (limit " + max + ")", many, field));
                }
                List<Object> element = new ArrayList<>(path);
                element.add(0);
                propertyCases(op, target, label, skeleton, element, items, bound, refusals, texts);
            }
            case "object" -> {
                bad.add(new Mutation("text instead of an object", "x", field));
                bad.add(new Mutation("number instead of an object", new Raw("1"), field));
                bad.add(new Mutation("array instead of an object", List.of(), field));
                for (Map.Entry<String, Object> member : properties(schema).entrySet()) {
                    List<Object> nested = new ArrayList<>(path);
                    nested.add(member.getKey());
                    propertyCases(op, target, label, skeleton, nested, resolve(member.getValue()), bound, refusals,
                            texts);
                }
            }
            default -> {
                return;
            }
        }
        for (Mutation m : first ? bad : List.<Mutation>of()) {
            refusals.add(op.with(label + field + ": " + m.what(), target, JSON,
                    utf8(JsonText.write(replaced(skeleton, path, m.value()))), new Refusal(m.field())));
        }
        for (String s : text) {
            texts.add(op.with(label + field + ": text " + escaped(s), target, JSON,
                    utf8(JsonText.write(replaced(skeleton, path, s))), new Text(s)));
        }
    }

    private record Mutation(String what, Object value, String field) {
    }

    // ---- uploads: documents, spreadsheets, forms

    private void uploadCases(Operation op, String type, List<Case> refusals) {
        String sent = type.equals("text/*") ? "text/html" : type;
        String target = op.target(null, null);
        refusals.add(op.with(sent + ": empty", target, sent, new byte[0], new Refusal(null)));
        refusals.add(op.with(sent + ": binary garbage", target, sent, garbage(512), new Refusal(null)));
        if (sent.startsWith("text/")) {
            refusals.add(op.with(sent + ": declared UTF-8 but not (" + hex(INVALID_UTF8) + ")", target,
                    sent + "; charset=UTF-8", concat(utf8("第一行\n"), INVALID_UTF8, utf8("\n")), new Refusal(null)));
            refusals.add(op.with(sent + ": an unknown charset", target, sent + "; charset=x-no-such-charset",
                    utf8("第一行\n"), new Refusal(null)));
        }
        refusals.add(op.with(sent + ": a zip that is no document or workbook", target, sent, ZIP_NOT_A_WORKBOOK,
                new Refusal(null)));
        refusals.add(op.with(sent + ": a PDF header and nothing of a PDF", target, sent,
                concat(utf8("%PDF-1.7\n"), garbage(128)), new Refusal(null)));
    }

    private void multipartCases(Operation op, Map<String, Object> schema, List<Case> refusals) {
        String target = op.target(null, null);
        String boundary = "keywork-bad-input-boundary";
        String type = MULTIPART + "; boundary=" + boundary;
        List<String> parts = new ArrayList<>(properties(schema).keySet());
        List<String> required = schema.get("required") instanceof List<?> r ? r.stream().map(String::valueOf).toList()
                : List.of();
        for (String part : required) {
            refusals.add(op.with("multipart: without the part " + part, target, type,
                    part(boundary, "other", "other.txt", utf8("第一行")), new Refusal(part)));
        }
        String file = parts.isEmpty() ? "file" : parts.get(0);
        refusals.add(op.with("multipart: " + file + " empty", target, type, part(boundary, file, "empty.txt",
                new byte[0]), new Refusal(null)));
        refusals.add(op.with("multipart: " + file + " of binary garbage", target, type, part(boundary, file,
                "garbage.docx", garbage(512)), new Refusal(null)));
        refusals.add(op.with("multipart: " + file + " a zip that is no document", target, type, part(boundary, file,
                "plan.docx", ZIP_NOT_A_WORKBOOK), new Refusal(null)));
        byte[] unclosed = part(boundary, file, "plan.txt", utf8("第一行"));
        refusals.add(op.with("multipart: no closing boundary", target, type,
                java.util.Arrays.copyOf(unclosed, unclosed.length - boundary.length() - 8), new Refusal(null)));
        refusals.add(op.with("multipart: no boundary declared", target, MULTIPART, unclosed, new Refusal(null)));
    }

    private static byte[] part(String boundary, String name, String filename, byte[] content) {
        return concat(utf8("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"), content,
                utf8("\r\n--" + boundary + "--\r\n"));
    }

    /**
     * A CSV sample spoilt cell by cell in its first data row: a spreadsheet formula and a NUL each must be refused
     * naming the cell ({@code rows[N].<header>}, N the line as a spreadsheet numbers it); the file as a whole also
     * with bytes that are not UTF-8.
     */
    private void sheetCases(Operation op, Sample sample, List<Case> refusals) {
        if (!sameType("text/csv", sample.contentType())) {
            return;
        }
        String target = op.target(null, null);
        String csv = new String(sample.body(), StandardCharsets.UTF_8);
        List<String> lines = List.of(csv.split("\r?\n"));
        if (lines.size() < 2) {
            throw new IllegalStateException("the CSV sample of " + op.name + " needs a header and a data row");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> row = List.of(lines.get(1).split(",", -1));
        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column).strip();
            for (String cell : List.of("=1+1", "@SUM(A1)", "-2+3", "a\u0000b", "a\u001b[31mb")) {
                List<String> spoilt = new ArrayList<>(row);
                while (spoilt.size() <= column) {
                    spoilt.add("");
                }
                spoilt.set(column, cell.contains(",") ? "\"" + cell + "\"" : cell);
                List<String> out = new ArrayList<>(lines);
                out.set(1, String.join(",", spoilt));
                refusals.add(op.with("CSV cell " + name + " (line 2): " + escaped(cell), target, sample.contentType(),
                        utf8(String.join("\n", out) + "\n"), new Refusal("rows[2]." + name)));
            }
        }
        refusals.add(op.with("CSV: declared UTF-8 but not (" + hex(INVALID_UTF8) + ")", target,
                "text/csv; charset=UTF-8", concat(utf8(lines.get(0) + "\n"), INVALID_UTF8, utf8("\n" + lines.get(1))),
                new Refusal(null)));
    }

    // ---- path variables and query parameters

    private void pathCases(Operation op, Map<String, Object> content, List<Case> refusals) {
        Base base = base(op, content);
        for (Map<String, Object> p : op.in("path")) {
            String name = (String) p.get("name");
            String type = type(resolve(p.get("schema")));
            for (String injection : PATH_INJECTIONS) {
                refusals.add(op.with("path {" + name + "}: " + injection, op.path(name, injection) + base.query(),
                        base.contentType(), base.body(), new Refusal(null)));
            }
            if ("integer".equals(type) || "number".equals(type)) {
                for (String wrong : List.of("2021abc", "1e309", "99999999999999999999", "%EF%BC%92%EF%BC%90")) {
                    refusals.add(op.with("path {" + name + "}: " + wrong, op.path(name, wrong) + base.query(),
                            base.contentType(), base.body(), new Refusal(name)));
                }
            }
        }
    }

    private void queryCases(Operation op, Map<String, Object> content, List<Case> refusals) {
        Base base = base(op, content);
        for (Map<String, Object> p : op.in("query")) {
            String name = (String) p.get("name");
            String type = type(resolve(p.get("schema")));
            List<String> wrong = switch (String.valueOf(type)) {
                case "integer" -> List.of("abc", "1.5", "1e309", "99999999999999999999", "%00",
                        "%7B%22%24gt%22%3A1%7D");
                case "number" -> List.of("abc", "1e309", "NaN", "%00");
                case "boolean" -> List.of("maybe", "2", "%00");
                default -> List.of();
            };
            for (String value : wrong) {
                refusals.add(op.with("query " + name + "=" + value, op.target(name, value), base.contentType(),
                        base.body(), new Refusal(name)));
            }
        }
    }

    /** What path and query cases send besides: a plausible body (JSON skeleton, the sample, or a line of text). */
    private record Base(String contentType, byte[] body, String query) {
    }

    private Base base(Operation op, Map<String, Object> content) {
        String query = op.target(null, null).substring(op.path(null, null).length());
        List<Sample> given = samples.getOrDefault(op.name, List.of());
        if (!given.isEmpty()) {
            return new Base(given.get(0).contentType(), given.get(0).body(), query);
        }
        for (Map.Entry<String, Object> media : content.entrySet()) {
            if (!isJson(media.getKey()) && !media.getKey().startsWith(MULTIPART)) {
                String type = media.getKey().equals("text/*") ? "text/plain" : media.getKey();
                return new Base(type, utf8("第一行"), query);
            }
        }
        for (Map.Entry<String, Object> media : content.entrySet()) {
            if (isJson(media.getKey())) {
                Map<String, Object> skeleton = variants(resolve(map(media.getValue()).get("schema"))).get(0)
                        .skeleton();
                return new Base(JSON, utf8(JsonText.write(skeleton)), query);
            }
        }
        return new Base(null, null, query);
    }

    // ---- schemas

    /** One shape the body may take: the only one, or one of a {@code oneOf} with its discriminator value set. */
    private record Variant(String name, Map<String, Object> schema, Map<String, Object> skeleton) {
    }

    /**
     * The shapes a body may take: its {@code oneOf} (or {@code anyOf}) choices, or the subtypes its discriminator
     * maps (how a Jackson {@code @JsonSubTypes} hierarchy is documented), each with the schema's own properties too;
     * else the schema itself.
     */
    private List<Variant> variants(Map<String, Object> schema) {
        Map<String, Object> discriminator = map(schema.get("discriminator"));
        Object oneOf = schema.get("oneOf") != null ? schema.get("oneOf") : schema.get("anyOf");
        List<Object> choices = new ArrayList<>();
        if (oneOf instanceof List<?> list) {
            choices.addAll(list);
        } else {
            map(discriminator.get("mapping")).values().forEach(ref -> choices.add(Map.of("$ref", ref)));
        }
        if (choices.isEmpty()) {
            return List.of(new Variant("body", schema, skeleton(schema)));
        }
        Map<String, Object> base = new LinkedHashMap<>(schema);
        base.keySet().removeAll(List.of("oneOf", "anyOf", "discriminator"));
        String property = discriminator.get("propertyName") instanceof String p ? p : null;
        Map<String, String> names = new LinkedHashMap<>();
        map(discriminator.get("mapping")).forEach((value, ref) -> names.put(String.valueOf(ref), value));
        List<Variant> variants = new ArrayList<>();
        for (Object choice : choices) {
            String ref = map(choice).get("$ref") instanceof String r ? r : null;
            Map<String, Object> resolved = resolve(Map.of("allOf", List.of(base, choice)));
            if (ref != null) {
                resolved.put("title", ref.substring(ref.lastIndexOf('/') + 1));
            }
            String name = ref == null ? "variant " + (variants.size() + 1)
                    : names.getOrDefault(ref, ref.substring(ref.lastIndexOf('/') + 1));
            Map<String, Object> skeleton = skeleton(resolved);
            if (property != null) {
                Map<String, Object> withName = new LinkedHashMap<>();
                withName.put(property, name);
                skeleton.remove(property);
                withName.putAll(skeleton);
                skeleton = withName;
            }
            variants.add(new Variant(name, resolved, skeleton));
        }
        return variants;
    }

    private Map<String, Object> skeleton(Map<String, Object> schema) {
        Map<String, Object> skeleton = new LinkedHashMap<>();
        String owner = schema.get("title") instanceof String t ? t : null;
        for (Map.Entry<String, Object> property : properties(schema).entrySet()) {
            skeleton.put(property.getKey(), skeletonValue(resolve(property.getValue()), owner, property.getKey(), 1));
        }
        return skeleton;
    }

    /** A plausible value: given by the test, the schema's example or default, its first enum value, or by type. */
    private Object skeletonValue(Map<String, Object> schema, String owner, String name, int depth) {
        if (name != null && owner != null && values.containsKey(owner + "." + name)) {
            return values.get(owner + "." + name);
        }
        if (name != null && values.containsKey(name)) {
            return values.get(name);
        }
        for (String key : List.of("example", "default")) {
            if (schema.get(key) != null && schema.get(key) != JsonText.NULL) {
                return schema.get(key);
            }
        }
        if (schema.get("enum") instanceof List<?> choices && !choices.isEmpty()) {
            return choices.get(0);
        }
        String type = type(schema);
        String format = schema.get("format") instanceof String f ? f : "";
        Object value = switch (String.valueOf(type)) {
            case "string" -> switch (format) {
                case "date" -> "2021-06-30";
                case "date-time" -> "2021-06-30T10:00:00+08:00";
                case "duration" -> "P1D";
                default -> "测试文本";
            };
            case "integer" -> 1;
            case "number" -> 1;
            case "boolean" -> Boolean.TRUE;
            case "array" -> depth > 8 ? List.of() : List.of(skeletonValue(resolve(schema.get("items")), null, null,
                    depth + 1));
            case "object" -> {
                Map<String, Object> nested = new LinkedHashMap<>();
                if (depth <= 8) {
                    properties(schema).forEach((member, memberSchema) -> nested.put(member,
                            skeletonValue(resolve(memberSchema), null, member, depth + 1)));
                }
                yield nested;
            }
            default -> "测试文本";
        };
        if (value instanceof String s && schema.get("pattern") instanceof String pattern && !s.matches(pattern)) {
            throw new IllegalStateException("no plausible value for " + (owner == null ? "" : owner + ".") + name
                    + " (pattern " + pattern + "): give one with value(\"" + name + "\", …)");
        }
        return value;
    }

    /** {@code $ref} followed, {@code allOf} merged into one object schema. */
    private Map<String, Object> resolve(Object schema) {
        Map<String, Object> s = map(schema);
        for (int hops = 0; s.get("$ref") instanceof String ref && hops < 20; hops++) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            Map<String, Object> target = new LinkedHashMap<>(map(schemas.get(name)));
            target.putIfAbsent("title", name);
            Map<String, Object> merged = new LinkedHashMap<>(target);
            s.forEach((k, v) -> {
                if (!k.equals("$ref")) {
                    merged.put(k, v);
                }
            });
            s = merged;
        }
        if (s.get("allOf") instanceof List<?> parts) {
            Map<String, Object> merged = new LinkedHashMap<>(s);
            merged.remove("allOf");
            Map<String, Object> properties = new LinkedHashMap<>(map(s.get("properties")));
            Set<Object> required = new LinkedHashSet<>(s.get("required") instanceof List<?> r ? r : List.of());
            for (Object part : parts) {
                Map<String, Object> resolved = resolve(part);
                properties.putAll(map(resolved.get("properties")));
                if (resolved.get("required") instanceof List<?> r) {
                    required.addAll(r);
                }
                resolved.forEach(merged::putIfAbsent);
            }
            merged.put("type", "object");
            merged.put("properties", properties);
            merged.put("required", new ArrayList<>(required));
            s = merged;
        }
        return s;
    }

    private static Map<String, Object> properties(Map<String, Object> schema) {
        return map(schema.get("properties"));
    }

    /** The schema's JSON type: {@code type} (its first non-null entry in OpenAPI 3.1), else implied, else null. */
    private static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            type = types.stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
        }
        if (type instanceof String t) {
            return t;
        }
        if (schema.get("properties") instanceof Map) {
            return "object";
        }
        return schema.get("items") != null ? "array" : null;
    }

    // ---- helpers

    /** A deep copy of {@code skeleton} with the value at {@code path} replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> replaced(Map<String, Object> skeleton, List<Object> path, Object value) {
        Map<String, Object> copy = (Map<String, Object>) copy(skeleton);
        Object container = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            container = step instanceof Integer index ? ((List<Object>) container).get(index)
                    : ((Map<String, Object>) container).get(step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((List<Object>) container).set(index, value);
        } else {
            ((Map<String, Object>) container).put((String) last, value);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** {@code a.b[0].c}, as a problem's {@code errors} name a field. */
    private static String show(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(step);
            }
        }
        return out.toString();
    }

    private static boolean isJson(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith(JSON) || t.contains("+json");
    }

    private static boolean sameType(String a, String b) {
        return a.split(";")[0].strip().equalsIgnoreCase(b.split(";")[0].strip());
    }

    /** The text for a case's name: control characters and lone surrogates as {@code \\uXXXX}. */
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) && !paired
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.isEmpty() ? "" : " ").append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    /** Bytes no text encoding reads: 0xFF, 0xFE and NUL among bytes that are not UTF-8 nor GB18030. */
    static byte[] garbage(int length) {
        byte[] bytes = new byte[length];
        long seed = 0x5DEECE66DL;
        for (int i = 0; i < length; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            bytes[i] = (byte) (seed >>> 56);
        }
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        bytes[2] = 0;
        bytes[3] = (byte) 0xFF;
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
