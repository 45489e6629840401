package org.keywork.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The findings: numbers and booleans coerced into text, 1e-400 stored as 0, NUL stored, numbers as dates. */
class StrictJsonTest {

    record Report(String note, BigDecimal value, Integer count, Boolean done, LocalDate asOf, Double ratio,
            List<String> tags) {
    }

    final JsonMapper json = StrictJson.apply(JsonMapper.builder()).build();

    Report read(String body) {
        return json.readValue(body, Report.class);
    }

    @Test
    void wellTypedJsonIsReadAsWritten() {
        Report report = read("""
                {"note":"已完成\\n第二行\\t制表","value":12.5,"count":3,"done":true,"asOf":"2021-09-30","ratio":0.25,
                 "tags":["a","b"]}""");
        assertThat(report).isEqualTo(new Report("已完成\n第二行\t制表", new BigDecimal("12.5"), 3, true,
                LocalDate.of(2021, 9, 30), 0.25, List.of("a", "b")));
        assertThat(read("{\"value\":1e3,\"ratio\":1e-300}").value()).isEqualByComparingTo("1000");
        assertThat(read("{}")).isEqualTo(new Report(null, null, null, null, null, null, null));
    }

    @Test
    void nothingIsCoercedFromOneKindToAnother() {
        List<String> accepted = new java.util.ArrayList<>();
        for (String body : List.of("{\"note\":12}", "{\"note\":1.5}", "{\"note\":false}", "{\"value\":\"12\"}",
                "{\"value\":true}", "{\"count\":\"3\"}", "{\"count\":1.5}", "{\"count\":true}", "{\"done\":\"true\"}",
                "{\"done\":1}", "{\"asOf\":18900}", "{\"asOf\":[2021,9,30]}", "{\"asOf\":\"2021-9-30\"}",
                "{\"ratio\":\"0.5\"}", "{\"tags\":[1,2]}")) {
            try {
                accepted.add(body + " -> " + read(body));
            } catch (MismatchedInputException refused) {
                // as it should be
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void numbersOutOfRangeAndControlCharactersAreRefusedNamingTheField() {
        for (String body : List.of("{\"value\":1e-400}", "{\"value\":1e309}", "{\"value\":1e16}", "{\"ratio\":1e309}",
                "{\"ratio\":1e-400}", "{\"note\":\"a\\u0000b\"}", "{\"note\":\"bell\\u0007\"}",
                "{\"tags\":[\"ok\",\"\\u001b[31m\"]}")) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(MismatchedInputException.class)
                    .satisfies(e -> assertThat(((MismatchedInputException) e).getPath()).isNotEmpty());
        }
        assertThat(StrictJson.hasControlCharacter("正常文本\r\n")).isFalse();
        assertThat(StrictJson.hasControlCharacter("x\u007f")).isTrue();
    }

    @Test
    void c1ControlsLoneSurrogatesAndDuplicateMembersAreRefusedWhileRealCharactersPass() {
        for (String body : List.of("{\"note\":\"a\\u0085b\"}", "{\"note\":\"a\\u009b31m\"}",
                "{\"note\":\"a\\ud800b\"}", "{\"note\":\"\\udc00\"}", "{\"tags\":[\"\\ud83d\"]}")) {
            assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(MismatchedInputException.class)
                    .satisfies(e -> assertThat(((MismatchedInputException) e).getPath()).isNotEmpty());
        }
        assertThatThrownBy(() -> read("{\"count\":1,\"count\":2}")).as("a member twice")
                .isInstanceOf(tools.jackson.core.exc.StreamReadException.class);
        assertThat(read("{\"note\":\"表情😀 𠀀 \\ud83d\\ude00 右到左\u202e\"}").note())
                .isEqualTo("表情😀 𠀀 😀 右到左\u202e");
        assertThat(StrictJson.hasLoneSurrogate("😀")).isFalse();
        assertThat(StrictJson.hasLoneSurrogate("a\ude00")).isTrue();
    }

    @Test
    void aTreeKeepsNumbersAsWrittenSoThatReadingItRefusesWhatReadingTheTextWould() {
        var tree = json.readTree("{\"value\":1e-400,\"ratio\":1e-400}");
        assertThatThrownBy(() -> json.treeToValue(tree, Report.class)).isInstanceOf(MismatchedInputException.class);
        assertThat(json.treeToValue(json.readTree("{\"value\":12.50}"), Report.class).value())
                .isEqualByComparingTo("12.5");
    }
}
