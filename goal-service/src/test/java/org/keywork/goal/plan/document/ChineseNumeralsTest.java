package org.keywork.goal.plan.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseNumeralsTest {

    @ParameterizedTest
    @CsvSource({"一,1", "九,9", "十,10", "十一,11", "二十,20", "二十四,24", "四十七,47", "九十九,99", "一百,100",
        "一百零一,101", "一百一十,110", "两百,200", "一十,10", "一千零五,1005"})
    void parses(String numeral, int value) {
        assertThat(ChineseNumerals.parse(numeral)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "零", "十十", "二二", "一百一", "百", "二期", "以", "十零", "一零"})
    void refusesWhatIsNoNumeral(String numeral) {
        assertThat(ChineseNumerals.parse(numeral)).isEqualTo(-1);
    }

    @Test
    void formatsAndParsesBackEverythingUpToNineHundredNinetyNine() {
        for (int n = 1; n <= 999; n++) {
            assertThat(ChineseNumerals.parse(ChineseNumerals.format(n))).as("%d", n).isEqualTo(n);
        }
        assertThat(ChineseNumerals.format(47)).isEqualTo("四十七");
        assertThat(ChineseNumerals.format(10)).isEqualTo("十");
        assertThat(ChineseNumerals.format(105)).isEqualTo("一百零五");
    }
}
