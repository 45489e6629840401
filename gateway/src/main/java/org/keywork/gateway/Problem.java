package org.keywork.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * RFC 9457 problem details, in the shape used across Keywork. {@code errors} is present only when particular
 * fields are concerned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
public record Problem(String type, String title, int status, String detail, String instance,
		List<FieldError> errors) {

	public static final String TYPE_PREFIX = "urn:keywork:problem:";

	public static Problem of(String slug, String title, int status, String detail, String instance) {
		return new Problem(TYPE_PREFIX + slug, title, status, detail, instance, null);
	}

	/** The gateway's 404: no interface at that path (or none this caller may learn about). */
	public static Problem notFound(String instance) {
		return of("not-found", "资源不存在", 404, "没有与请求路径 " + instance + " 对应的接口。", instance);
	}

	public Problem withErrors(List<FieldError> errors) {
		return new Problem(this.type, this.title, this.status, this.detail, this.instance, errors);
	}

	@JsonPropertyOrder({ "field", "code", "reason" })
	public record FieldError(String field, String code, String reason) {
	}

}
