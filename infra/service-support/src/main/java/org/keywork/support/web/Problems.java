package org.keywork.support.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds Keywork's RFC 9457 problem details: {@code type} is {@code urn:keywork:problem:<slug>}. */
public final class Problems {

    public static final String VALIDATION = "validation";
    public static final String MALFORMED = "malformed-request";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail,
            List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:keywork:problem:" + slug));
        problem.setTitle(title);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** One-line detail naming every field, e.g. "value：不能为负数；itemId：计划中没有该事项". */
    public static String describe(List<FieldProblem> errors) {
        return String.join("；", errors.stream().map(e -> e.field() + "：" + e.reason()).toList());
    }
}
