package org.keywork.support.web;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What is wrong with JSON that Jackson refused, as a {@link FieldProblem}: for a request body
 * ({@code ProblemResponses}) and for a body a controller reads in steps (a tree first, then its type), so both name
 * the field and say why in the same words.
 */
public final class JsonReadProblems {

    private JsonReadProblems() {
    }

    /**
     * The field problem of a body Jackson could not read: the field named by its JSON path where one is known, the
     * reason in words (zh-CN).
     */
    public static FieldProblem of(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldProblem(path(unknown), "unknown-field", "无法识别的字段 " + unknown.getPropertyName());
        }
        if (cause instanceof InvalidFormatException format && format.getOriginalMessage() != null
                && !format.getOriginalMessage().chars().allMatch(c -> c < 0x80)) {
            // StrictJson's own refusals say what is wrong in words (without echoing a control character)
            return new FieldProblem(path(format), "invalid-format", format.getOriginalMessage());
        }
        if (cause instanceof InvalidFormatException format) {
            return new FieldProblem(path(format), "invalid-format",
                    "值 " + format.getValue() + " 不是有效的" + typeName(format.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return new FieldProblem(path(mismatch), "invalid-format",
                    "应为" + typeName(mismatch.getTargetType()));
        }
        if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            return new FieldProblem(path(bind), "invalid", rootMessage(bind));
        }
        if (cause instanceof InputCoercionException number) {
            // 99999999999999999999 where an int or a long is meant: the parser refuses it, naming no path of its own
            return new FieldProblem(readingAt(number), "out-of-range", "数值超出可表示的范围");
        }
        if (cause instanceof StreamReadException read) {
            String where = read.getLocation() == null ? "" : "（第 " + read.getLocation().getLineNr() + " 行第 "
                    + read.getLocation().getColumnNr() + " 列）";
            if (read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate ")) {
                return new FieldProblem("body", "duplicate-member", "请求体中同一字段出现了两次" + where);
            }
            return new FieldProblem("body", "malformed-json", "请求体不是有效的 JSON" + where);
        }
        if (cause instanceof JacksonException) {
            return new FieldProblem("body", "malformed-json", "请求体不是有效的 JSON");
        }
        return new FieldProblem("body", "missing", "缺少请求体或请求体无法读取");
    }

    /** The JSON path the parser of {@code e} stood at ({@code planYear}, {@code rows[2].value}), else "body". */
    private static String readingAt(StreamReadException e) {
        JsonParser parser = e.processor();
        if (parser == null) {
            return "body";
        }
        List<String> steps = new ArrayList<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject() && context.currentName() != null) {
                steps.add(0, "." + context.currentName());
            } else if (context.inArray()) {
                steps.add(0, "[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", steps);
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    static String typeName(Class<?> type) {
        if (type == null) {
            return "值";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "数字";
        }
        if (type == java.time.LocalDate.class) {
            return "日期（yyyy-MM-dd）";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "布尔值";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            return "取值（" + String.join("、", names) + "）";
        }
        return type == String.class ? "文本" : type.getSimpleName();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
