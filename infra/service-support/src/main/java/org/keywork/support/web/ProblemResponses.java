package org.keywork.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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
                "值 " + abbreviate(String.valueOf(e.getValue())) + " 不是有效的"
                        + JsonReadProblems.typeName(e.getRequiredType())),
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

    /** A multipart form without a required part ({@code file}): 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            org.springframework.web.multipart.support.MissingServletRequestPartException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return parameterProblem(new FieldProblem(e.getRequestPartName(), "required",
                "缺少表单部分 " + e.getRequestPartName() + "（如 -F file=@plan.docx）"), request);
    }

    /**
     * A multipart body that cannot be parsed (no boundary declared, no closing boundary): 400, not the 500 the
     * servlet container's failure would otherwise become.
     */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(org.springframework.web.multipart.MultipartException e,
            HttpServletRequest request) {
        FieldProblem error = new FieldProblem("body", "malformed-multipart",
                "表单上传（multipart/form-data）无法解析：缺少分隔符（boundary）或内容不完整");
        return respond(Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED, "请求内容无法解析",
                Problems.describe(List.of(error)), List.of(error)), request.getRequestURI());
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

    /** What is wrong with a body Jackson could not read ({@link JsonReadProblems}); "body" when it is missing. */
    private static FieldProblem unreadable(HttpMessageNotReadableException e) {
        if (Utf8RequestFilter.causedBy(e)) {
            return new FieldProblem("body", "invalid-encoding", "请求体不是有效的 UTF-8 文本");
        }
        return e.getCause() == null ? new FieldProblem("body", "missing", "缺少请求体或请求体无法读取")
                : JsonReadProblems.of(e.getCause());
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
