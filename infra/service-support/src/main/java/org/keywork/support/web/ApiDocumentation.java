package org.keywork.support.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The head of a service's OpenAPI document ({@code /v3/api-docs}), as the gateway's Swagger UI at {@code /api-docs}
 * shows it: title, version and description from {@code keywork.api.title}, {@code keywork.api.version},
 * {@code keywork.api.description}; a description per tag from {@code keywork.api.tags.<tag>}; the bearer token
 * ({@value #BEARER}, HTTP bearer JWT) required by every operation, so the UI offers "Authorize"; and one server,
 * {@code /} "经网关": "Try it out" calls the gateway's origin the document was loaded from, never the service's own
 * port (which a browser cannot reach without CORS, and which only the gateway is meant to call).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    /** The security scheme's name, as the operations' security requirement names it. */
    public static final String BEARER = "bearerAuth";

    /** The one server: the origin the document was loaded from, i.e. the gateway. */
    public static final String SERVER_URL = "/";

    public static final String SERVER_DESCRIPTION = "经网关";

    /** Tags of the controllers every service shares (service-support's own). */
    private static final Map<String, String> SHARED_TAGS = Map.of(
            "business-clock-controller", "业务时钟：查看业务日期；演示与测试环境可设置模拟时间");

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI keyworkOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "keywork");
        return document(environment.getProperty("keywork.api.title", "Keywork " + service + " API"),
                environment.getProperty("keywork.api.version", defaultVersion()),
                environment.getProperty("keywork.api.description", "Keywork " + service));
    }

    /** Gives each tag the document uses the description configured for it; tags nobody uses are not added. */
    @Bean
    OpenApiCustomizer keyworkTagDescriptions(Environment environment) {
        Map<String, String> descriptions = new HashMap<>(SHARED_TAGS);
        descriptions.putAll(Binder.get(environment)
                .bind("keywork.api.tags", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        return openApi -> describeTags(openApi, descriptions);
    }

    /** The document's head: info, the gateway as its server, the bearer token on every operation. */
    public static OpenAPI document(String title, String version, String description) {
        return new OpenAPI()
                .info(new Info().title(title).version(version).description(description))
                .servers(List.of(new Server().url(SERVER_URL).description(SERVER_DESCRIPTION)))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("POST /api/auth/token（网关）取得的访问令牌，只填令牌本身，不带 Bearer 前缀")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    static void describeTags(OpenAPI openApi, Map<String, String> descriptions) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .flatMap(operation -> operation.getTags() == null ? Stream.<String>empty()
                        : operation.getTags().stream())
                .distinct()
                .filter(descriptions::containsKey)
                .forEach(name -> {
                    Tag tag = openApi.getTags() == null ? null : openApi.getTags().stream()
                            .filter(existing -> name.equals(existing.getName())).findFirst().orElse(null);
                    if (tag == null) {
                        openApi.addTagsItem(new Tag().name(name).description(descriptions.get(name)));
                    } else if (tag.getDescription() == null) {
                        tag.setDescription(descriptions.get(name));
                    }
                });
    }

    private static String defaultVersion() {
        String version = ApiDocumentation.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
