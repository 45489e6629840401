package org.keywork.goal.plan;

import java.util.List;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;

/** What the goal endpoints share, in this package and in tracking: the default plan year and the 404 of an item. */
public final class GoalApi {

    /** The plan year an endpoint reads when the request names none. */
    public static final int DEFAULT_YEAR = 2021;

    private GoalApi() {
    }

    /** 404 problem+json naming {@code itemId}: the plan of that year has no such item. */
    public static InvalidRequestException unknownItem(int year, String itemId) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个事项",
                List.of(new FieldProblem("itemId", "unknown-item", year + " 年计划中没有事项 " + itemId)));
    }
}
