package org.keywork.notification.alert;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/admin/escalations/sweep}: escalates and reminds now, as the schedule would. */
@RestController
class EscalationController {

    private final Escalations escalations;

    EscalationController(Escalations escalations) {
        this.escalations = escalations;
    }

    @PostMapping("/api/admin/escalations/sweep")
    Escalations.Summary sweep() {
        return escalations.sweep("request");
    }
}
