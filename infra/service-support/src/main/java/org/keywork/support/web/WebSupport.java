package org.keywork.support.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Registers the problem+json advice for the service's controllers. */
@Configuration(proxyBeanMethods = false)
@Import(ProblemResponses.class)
public class WebSupport {
}
