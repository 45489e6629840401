package org.keywork.support.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read as written, never coerced: a number only where a number is meant (not {@code "12"}, not {@code true}),
 * a whole number where one is meant (not {@code 1.5}), text only where text is meant (not {@code 12} or
 * {@code false}), a boolean only as {@code true}/{@code false}, a date only as its ISO-8601 text (not a number of
 * days or seconds, not an array); numbers too large or too small for a double ({@code 1e309}, {@code 1e-400}) are
 * refused rather than read as infinity or zero; text holds no control characters but tab and line breaks (C0, DEL
 * and C1: a NUL stored in a note breaks exports and other systems, an escape sequence a terminal) and no lone surrogate
 * ({@code "\ud800"}: not a character, and UTF-8 cannot store it, so it would be stored as something else than was
 * sent); and an object holds each member once ({@code {"value":1,"value":2}} is refused, not read as 2, so that no
 * two readers of one request can see different values). Each refusal names the field ({@code ProblemResponses}).
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** The rules, on a mapper being built (the services' own, through Spring Boot's customizer). */
    public static JsonMapper.Builder apply(JsonMapper.Builder builder) {
        return builder
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.DateTime, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Array, CoercionAction.Fail))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a tree keeps 1e-400 as written (not 0.0) for the deserializer that reads the tree to refuse it
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .defaultLeniency(false)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(new SimpleModule("keywork-strict-json")
                        .addDeserializer(String.class, new PlainText())
                        .addDeserializer(Double.class, new FiniteDouble(Double.class))
                        .addDeserializer(double.class, new FiniteDouble(double.class))
                        .addDeserializer(java.math.BigDecimal.class, new BoundedDecimal())
                        .addDeserializer(java.time.LocalDate.class, new IsoDate()));
    }

    /**
     * Whether {@code text} holds a control character other than tab, line feed and carriage return: C0 (U+0000 to
     * U+001F), DEL (U+007F) or C1 (U+0080 to U+009F, e.g. U+009B, which a terminal takes for an escape sequence).
     */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} holds half of a surrogate pair without the other half (not a character at all). */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Text as the standard deserializer reads it, refused when it holds a control character or a lone surrogate. */
    static final class PlainText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String text = super.deserialize(p, ctxt);
            if (text != null && hasControlCharacter(text)) {
                throw InvalidFormatException.from(p, "含有控制字符（如 NUL）", text, String.class);
            }
            if (text != null && hasLoneSurrogate(text)) {
                throw InvalidFormatException.from(p, "含有无效的 Unicode 字符（不成对的代理项）", text, String.class);
            }
            return text;
        }
    }

    /** A double that is a finite number, not rounded to infinity or to zero from a literal that is neither. */
    static final class FiniteDouble extends tools.jackson.databind.deser.std.StdScalarDeserializer<Double> {

        FiniteDouble(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.currentToken().isNumeric()) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            java.math.BigDecimal exact = p.getDecimalValue();
            double value = exact.doubleValue();
            if (Double.isInfinite(value) || (value == 0 && exact.signum() != 0)) {
                throw InvalidFormatException.from(p, "超出可表示的数值范围", p.getString(), Double.class);
            }
            return value;
        }
    }

    /** A decimal within the range a double holds: {@code 1e-400} is not taken as a number of anything. */
    static final class BoundedDecimal extends tools.jackson.databind.deser.std.StdScalarDeserializer<java.math.BigDecimal> {

        private static final java.math.BigDecimal MAX = new java.math.BigDecimal("1e15");

        BoundedDecimal() {
            super(java.math.BigDecimal.class);
        }

        @Override
        public java.math.BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (!p.currentToken().isNumeric()) {
                return (java.math.BigDecimal) ctxt.handleUnexpectedToken(java.math.BigDecimal.class, p);
            }
            java.math.BigDecimal value = p.getDecimalValue();
            if (value.abs().compareTo(MAX) > 0 || value.signum() != 0 && value.scale() > 12) {
                throw InvalidFormatException.from(p, "超出可表示的数值范围", p.getString(), java.math.BigDecimal.class);
            }
            return value;
        }
    }

    /** A date only as its ISO-8601 text {@code yyyy-MM-dd}: not an array, not a number of days. */
    static final class IsoDate extends tools.jackson.databind.deser.std.StdScalarDeserializer<java.time.LocalDate> {

        IsoDate() {
            super(java.time.LocalDate.class);
        }

        @Override
        public java.time.LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != tools.jackson.core.JsonToken.VALUE_STRING) {
                return (java.time.LocalDate) ctxt.handleUnexpectedToken(java.time.LocalDate.class, p);
            }
            String text = p.getString().strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return java.time.LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw InvalidFormatException.from(p, "日期应为 yyyy-MM-dd 格式，如 2021-09-30", text,
                        java.time.LocalDate.class);
            }
        }
    }
}
