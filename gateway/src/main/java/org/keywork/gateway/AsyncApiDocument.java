package org.keywork.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the AsyncAPI 3 document of Keywork's events ({@code static/api-docs/asyncapi.yaml}, kept true to
 * event-contracts by {@code AsyncApiContractTest}) at {@code /api-docs/asyncapi.yaml} as
 * {@code application/yaml}: the static resource handler knows no type for {@code .yaml} and would send
 * {@code application/octet-stream}. Open without a token, as the other API documents ({@code /api-docs/**}).
 */
@Configuration(proxyBeanMethods = false)
class AsyncApiDocument {

	static final String PATH = "/api-docs/asyncapi.yaml";

	static final MediaType YAML = new MediaType("application", "yaml", java.nio.charset.StandardCharsets.UTF_8);

	@Bean
	RouterFunction<ServerResponse> asyncApiDocumentRoute() {
		Resource document = new ClassPathResource("static" + PATH);
		return RouterFunctions.route()
			.GET(PATH, request -> ServerResponse.ok()
				.contentType(YAML)
				.cacheControl(CacheControl.noCache())
				.bodyValue(document))
			.build();
	}

}
