package org.keywork.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a Keywork service answers is RFC 9457 problem+json. Field problems are listed under {@code errors}
 * as {@code {field, code, reason}} so that a form can show each reason beside its field.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = respond(Problems.of(e.status(), e.slug(), e.title(),
                Problems.describe(e.problems()), e.problems()), request.getRequestURI());
        if (e.retryAfterSeconds() == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(response.getBody());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return respond(e.problem(), request.getRequestURI());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::fieldProblem)
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "请求内容无效",
                Problems.describe(errors), errors);
        return asObject(respond(problem, path(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldProblem error = unreadable(e);
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST,
                "body".equals(error.field()) ? Problems.MALFORMED : Problems.VALIDATION, "请求内容无法解析",
                Problems.describe(List.of(error)), List.of(error));
        return asObject(respond(problem, path(request)));
    }

    /** {@code ?year=abc}, {@code ?dryRun=maybe}, {@code /api/plans/2021abc}: 400 naming the parameter. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                ? m.getName() : e.getPropertyName();
        return parameterProblem(new FieldProblem(name == null ? "parameter" : name, "invalid-format",
                "值 " + abbreviate(String.valueOf(e.getValue())) + " 不是有效的" + typeName(e.getRequiredType())),
                request);
    }

    /** A required query parameter left out: 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return parameterProblem(new FieldProblem(e.getParameterName(), "required", "缺少参数 " + e.getParameterName()),
                request);
    }

    private static ResponseEntity<Object> parameterProblem(FieldProblem error, WebRequest request) {
        return asObject(respond(Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "请求参数无效",
                Problems.describe(List.of(error)), List.of(error)), path(request)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldProblem error = new FieldProblem("Content-Type", "unsupported",
                "不支持的内容类型 " + e.getContentType() + "，应为 " + e.getSupportedMediaTypes());
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "不支持的内容类型", Problems.describe(List.of(error)), List.of(error));
        return asObject(respond(problem, path(request)));
    }

    private static FieldProblem fieldProblem(FieldError error) {
        String code = error.getCode() == null ? "invalid" : switch (error.getCode()) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "PositiveOrZero", "Positive" -> "negative";
            case "Size" -> "size";
            case "Pattern" -> "format";
            default -> error.getCode().toLowerCase();
        };
        return new FieldProblem(error.getField(), code, error.getDefaultMessage());
    }

    private static FieldProblem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
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
        if (cause instanceof StreamReadException read) {
            String where = read.getLocation() == null ? "" : "（第 " + read.getLocation().getLineNr() + " 行第 "
                    + read.getLocation().getColumnNr() + " 列）";
            return new FieldProblem("body", "malformed-json", "请求体不是有效的 JSON" + where);
        }
        if (cause instanceof JacksonException) {
            return new FieldProblem("body", "malformed-json", "请求体不是有效的 JSON");
        }
        return new FieldProblem("body", "missing", "缺少请求体或请求体无法读取");
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

    private static String typeName(Class<?> type) {
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

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, String path) {
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
