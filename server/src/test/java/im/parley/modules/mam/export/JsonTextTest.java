package im.parley.modules.mam.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void stringsAreWrittenInTheOneDocumentedForm() {
        assertThat(json("plain")).isEqualTo("\"plain\"");
        assertThat(json("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThat(json("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(json("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\u007f\"");
        // Beyond the BMP: the character itself (a surrogate pair in Java, four bytes of UTF-8).
        assertThat(json("rose \uD83C\uDF39 é")).isEqualTo("\"rose \uD83C\uDF39 é\"");
        // A lone surrogate has no UTF-8 form: escaped, so the line's bytes keep it.
        assertThat(json("x\uD83Cy\uDF39")).isEqualTo("\"x\\ud83cy\\udf39\"");
        assertThat(json(null)).isEqualTo("null");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        List<String> values = List.of("", "plain", "\"\\/", "\u0000\u0001\n\t", "\uD83C\uDF39", "x\uD83Cy", "ü");
        StringBuilder object = new StringBuilder("{");
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":");
            JsonText.appendString(object, values.get(i));
            expected.put("k" + i, values.get(i));
        }
        object.append(",\"none\":null}");
        expected.put("none", null);
        assertThat(JsonText.readFlatObject(object.toString())).containsExactlyEntriesOf(expected);
        assertThat(JsonText.readFlatObject(" { \"a\" : \"\\u00e9\\/\" } ")).containsExactlyEntriesOf(Map.of("a", "é/"));
    }

    @Test
    void anythingElseIsRefusedSayingWhere() {
        for (String bad : List.of("", "[]", "{\"a\":1}", "{\"a\":\"x\"", "{\"a\":\"x\"}x", "{\"a\":\"x\",\"a\":\"y\"}",
                "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{a:\"x\"}", "{\"a\":nul}")) {
            assertThatThrownBy(() -> JsonText.readFlatObject(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column");
        }
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.appendString(out, value);
        return out.toString();
    }
}
