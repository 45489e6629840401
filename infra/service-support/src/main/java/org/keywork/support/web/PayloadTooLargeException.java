package org.keywork.support.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/** A request body over the service's limit. */
public class PayloadTooLargeException extends RuntimeException {

    private final DataSize limit;

    public PayloadTooLargeException(DataSize limit) {
        super("request body exceeds " + limit);
        this.limit = limit;
    }

    public ProblemDetail problem() {
        List<FieldProblem> errors = List.of(new FieldProblem("body", "too-large",
                "请求体超过 " + human(limit) + " 上限"));
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE, "请求体过大",
                Problems.describe(errors), errors);
    }

    static String human(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        return bytes % 1024 == 0 ? size.toKilobytes() + " KB" : bytes + " 字节";
    }
}
