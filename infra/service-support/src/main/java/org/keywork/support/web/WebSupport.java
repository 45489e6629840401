package org.keywork.support.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Registers the problem+json advice for the service's controllers, the check that a JSON body is UTF-8
 * ({@link Utf8RequestFilter}), and problem+json for what Tomcat refuses before the application sees it
 * ({@link ProblemErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemResponses.class)
public class WebSupport {

    /** After the body size limit (which refuses an oversized body unread), before anything reads the body. */
    @Bean
    FilterRegistrationBean<Utf8RequestFilter> utf8RequestFilter() {
        FilterRegistrationBean<Utf8RequestFilter> registration = new FilterRegistrationBean<>(new Utf8RequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /**
     * The host's error report valve writes problem+json; the host installs it on start, after the plain one Spring
     * Boot adds, so it is the one that reports (a valve reports only an error no other valve reported yet).
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
