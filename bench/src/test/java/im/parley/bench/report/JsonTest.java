package im.parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void printsObjectsArraysAndEscapedStrings() {
        Json json = Json.object()
                .put("name", "a \"quoted\"\nline")
                .put("rate", 2.50)
                .put("count", 3L)
                .put("none", null)
                .put("nan", Double.NaN)
                .put("items", Json.array().add(1).add(true));
        assertThat(json.toString()).isEqualTo("""
                {
                  "name": "a \\"quoted\\"\\nline",
                  "rate": 2.5,
                  "count": 3,
                  "none": null,
                  "nan": null,
                  "items": [
                    1,
                    true
                  ]
                }""");
    }
}
