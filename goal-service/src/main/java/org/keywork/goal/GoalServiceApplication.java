package org.keywork.goal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** goal-service: owns the plan's goals (sections 一 to 八), their indicators, responsibility and status. */
@SpringBootApplication
public class GoalServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GoalServiceApplication.class, args);
    }
}
