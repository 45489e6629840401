package org.keywork.support.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request that the service understood but refuses, with every field problem named. Answered as problem+json. */
public class InvalidRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<FieldProblem> problems;
    private Integer retryAfterSeconds;

    public InvalidRequestException(HttpStatus status, String slug, String title, List<FieldProblem> problems) {
        super(title + ": " + problems);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    /** 400: the request's fields are invalid. */
    public static InvalidRequestException invalid(List<FieldProblem> problems) {
        return new InvalidRequestException(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "请求内容无效", problems);
    }

    /** Asks the caller to wait this long before trying again ({@code Retry-After}, e.g. with 429). */
    public InvalidRequestException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The {@code Retry-After} in seconds, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
