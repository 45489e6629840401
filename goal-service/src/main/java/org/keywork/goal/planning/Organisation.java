package org.keywork.goal.planning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The district's leader positions (责任领导) and departments (牵头、配合单位) that responsibility may name. The
 * 任务分解表 is checked against it, so a typo is an error rather than a new department nobody receives alerts for.
 * Read once from {@code keywork.plan.organisation} (a JSON file {@code {"leaders": [...], "departments": [...]}}),
 * by default the sample shipped for the 2021 plan.
 */
@Component
class Organisation {

    record Register(String note, List<String> leaders, List<String> departments) {
    }

    private final Set<String> leaders;
    private final Set<String> departments;
    private final String note;

    Organisation(JsonMapper json, @Value("${keywork.plan.organisation:}") String file) {
        Register register = load(json, file);
        this.leaders = new LinkedHashSet<>(register.leaders());
        this.departments = new LinkedHashSet<>(register.departments());
        this.note = register.note();
    }

    private static Register load(JsonMapper json, String file) {
        try (InputStream in = file == null || file.isBlank()
                ? new ClassPathResource("plan/organisation-sample.json").getInputStream()
                : Files.newInputStream(Path.of(file))) {
            return json.readValue(in, Register.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the organisation register " + file, e);
        }
    }

    boolean leader(String position) {
        return leaders.contains(position);
    }

    boolean department(String name) {
        return departments.contains(name);
    }

    Register register() {
        return new Register(note, List.copyOf(leaders), List.copyOf(departments));
    }
}
