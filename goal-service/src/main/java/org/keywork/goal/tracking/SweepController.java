package org.keywork.goal.tracking;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/sweep}: runs the {@link DailySweep} now (demos, operators) and says what it did. */
@RestController
class SweepController {

    private final DailySweep sweep;

    SweepController(DailySweep sweep) {
        this.sweep = sweep;
    }

    @PostMapping("/api/admin/sweep")
    DailySweep.Summary sweep() {
        return sweep.run("admin request");
    }
}
