package org.keywork.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's OpenAPI document as springdoc writes it with {@link ApiDocumentation}: the title, version and
 * description its {@code keywork.api.*} properties give, the gateway ({@code /}) as its only server, the bearer
 * token on every operation, and the configured tag descriptions for the tags in use.
 */
class ApiDocumentationTest {

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, SpringDocConfiguration.class, SpringDocConfigProperties.class,
                    SpringDocWebMvcConfiguration.class))
            .withUserConfiguration(ApiDocumentation.class, SampleController.class)
            .withPropertyValues("spring.application.name=sample-service", "springdoc.api-docs.path=/v3/api-docs");

    @RestController
    static class SampleController {

        @GetMapping("/api/samples")
        String samples() {
            return "[]";
        }
    }

    @Test
    void theDocumentNamesTheServiceSendsTryItOutThroughTheGatewayAndAsksForTheBearerToken() {
        runner.withPropertyValues("keywork.api.title=Keywork 示例服务 sample-service API", "keywork.api.version=1.2.3",
                "keywork.api.description=示例服务负责示例数据", "keywork.api.tags.sample-controller=示例：查询")
                .run(context -> {
                    JsonNode document = document(context);
                    assertThat(document.at("/info/title").asString()).isEqualTo("Keywork 示例服务 sample-service API");
                    assertThat(document.at("/info/version").asString()).isEqualTo("1.2.3");
                    assertThat(document.at("/info/description").asString()).isEqualTo("示例服务负责示例数据");
                    assertThat(document.at("/servers").size()).isEqualTo(1);
                    assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
                    assertThat(document.at("/servers/0/description").asString()).isEqualTo("经网关");
                    JsonNode scheme = document.at("/components/securitySchemes/bearerAuth");
                    assertThat(scheme.at("/type").asString()).isEqualTo("http");
                    assertThat(scheme.at("/scheme").asString()).isEqualTo("bearer");
                    assertThat(scheme.at("/bearerFormat").asString()).isEqualTo("JWT");
                    assertThat(document.at("/security/0/bearerAuth").isArray()).isTrue();
                    assertThat(document.at("/paths/~1api~1samples/get/tags/0").asString())
                            .isEqualTo("sample-controller");
                    assertThat(document.at("/tags").size()).isEqualTo(1);
                    assertThat(document.at("/tags/0/name").asString()).isEqualTo("sample-controller");
                    assertThat(document.at("/tags/0/description").asString()).isEqualTo("示例：查询");
                });
    }

    @Test
    void withoutPropertiesTheDocumentStillNamesTheServiceAndKeepsTheGatewayAndTheToken() {
        runner.run(context -> {
            JsonNode document = document(context);
            assertThat(document.at("/info/title").asString()).isEqualTo("Keywork sample-service API");
            assertThat(document.at("/info/version").asString()).isNotBlank().isNotEqualTo("v0");
            assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
            assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
            // a tag without a configured description is not listed with an empty one
            assertThat(document.at("/tags").isMissingNode() || document.at("/tags").isEmpty()).isTrue();
        });
    }

    private static JsonNode document(org.springframework.web.context.WebApplicationContext context) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(body);
    }
}
