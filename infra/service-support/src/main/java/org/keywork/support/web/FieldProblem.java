package org.keywork.support.web;

/**
 * One thing wrong with a request.
 *
 * @param field  the field as the client named it ({@code value}, {@code rows[3].value}, or {@code body})
 * @param code   a stable machine-readable code, e.g. {@code required}, {@code negative}, {@code unknown-item}
 * @param reason the reason in words for the user (zh-CN)
 */
public record FieldProblem(String field, String code, String reason) {
}
