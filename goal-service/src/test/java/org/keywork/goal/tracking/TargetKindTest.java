package org.keywork.goal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetKindTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # direction   | name              | kind
            AT_LEAST      | 新建养老床位       | CUMULATIVE
            AT_LEAST      | 社会消费品零售总额 | LEVEL
            AT_LEAST      |                   | CUMULATIVE
            INCREASE_BY   | 区级一般公共预算收入 | INCREASE
            REDUCE_BY     | 单位增加值能耗     | REDUCTION
            AT_MOST       | 干垃圾处置量       | CEILING
            KEEP_AT_LEAST | 优良率            | FLOOR
                          | 新建              | CUMULATIVE
            SOMETHING     | 新建              | CUMULATIVE
            """)
    void derivesTheKindFromTheDirection(String direction, String name, TargetKind kind) {
        assertThat(TargetKind.of(direction, name)).isEqualTo(kind);
    }
}
