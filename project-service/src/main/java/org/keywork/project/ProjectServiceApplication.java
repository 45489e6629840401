package org.keywork.project;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * project-service: owns the plan's construction items and their milestones. It learns each item's definition from
 * goal-service's plan import ({@code plan.construction-item-defined}) and publishes it as a plan item.
 */
@SpringBootApplication
public class ProjectServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectServiceApplication.class, args);
    }
}
