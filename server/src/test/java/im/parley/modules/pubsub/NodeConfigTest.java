package im.parley.modules.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pubsub#node_config form as a configuration: submitted forms, publish-options preconditions, stored forms. */
class NodeConfigTest {
    private static final NodeConfig DEFAULTS = NodeConfig.defaults(AccessModel.PRESENCE, "1");

    private static DataForm submitted(String... varsAndValues) {
        List<Field> fields = new ArrayList<>(List.of(Field.formType(Pubsub.PUBLISH_OPTIONS)));
        for (int i = 0; i < varsAndValues.length; i += 2) {
            fields.add(Field.of(varsAndValues[i], null, null, varsAndValues[i + 1]));
        }
        return DataForm.of(DataForm.Type.SUBMIT, null, fields);
    }

    @Test
    void aSubmittedFormOverlaysTheOptionsItNamesAndIgnoresOthers() {
        NodeConfig config = DEFAULTS.apply(submitted("pubsub#access_model", "whitelist", "pubsub#max_items", "max",
                "pubsub#persist_items", "true", "pubsub#notify_retract", "0", "pubsub#no_such_option", "x"));
        assertThat(config.accessModel()).isEqualTo(AccessModel.WHITELIST);
        assertThat(config.maxItems()).isEqualTo(NodeConfig.MAX);
        assertThat(config.persistItems()).isTrue();
        assertThat(config.notifyRetract()).isFalse();
        assertThat(config.deliverPayloads()).isTrue();
        assertThat(DEFAULTS.maxItems()).isEqualTo(1);
    }

    @Test
    void publishOptionsMeetAConfigurationByValueNotBySpelling() {
        NodeConfig config = DEFAULTS.apply(submitted("pubsub#persist_items", "1", "pubsub#max_items", "10"));
        assertThat(config.meets(submitted("pubsub#persist_items", "true", "pubsub#max_items", "010"))).isTrue();
        assertThat(config.meets(submitted("pubsub#access_model", "presence"))).isTrue();
        assertThat(config.meets(submitted("pubsub#access_model", "open"))).isFalse();
        assertThat(config.meets(submitted("pubsub#max_items", "max"))).isFalse();
        assertThat(config.meets(submitted("pubsub#no_such_option", "1"))).isFalse();
        assertThat(config.meets(submitted("pubsub#persist_items", "perhaps"))).isFalse();
    }

    @Test
    void valuesAnOptionDoesNotTakeAreNotAcceptable() {
        assertThatThrownBy(() -> DEFAULTS.apply(submitted("pubsub#access_model", "members-only")))
                .isInstanceOf(Pubsub.Failure.class).hasMessageContaining("Access models");
        assertThatThrownBy(() -> DEFAULTS.apply(submitted("pubsub#max_items", "0")))
                .isInstanceOf(Pubsub.Failure.class);
        assertThatThrownBy(() -> DEFAULTS.apply(submitted("pubsub#deliver_payloads", "yes please")))
                .isInstanceOf(Pubsub.Failure.class);
    }

    @Test
    void theFormReadsBackAsTheSameConfiguration() {
        NodeConfig config = DEFAULTS.apply(submitted("pubsub#title", "Moods", "pubsub#access_model", "roster",
                "pubsub#send_last_published_item", "never"));
        config = config.apply(DataForm.of(DataForm.Type.SUBMIT, null,
                List.of(new Field("pubsub#roster_groups_allowed", null, null, null, false, List.of("Family", "Friends"),
                        List.of()))));
        NodeConfig read = DEFAULTS.apply(DataForm.parse(config.form().toElement()));
        assertThat(read).isEqualTo(config);
        assertThat(read.rosterGroupsAllowed()).containsExactly("Family", "Friends");
        assertThat(read.sendLastOnPresence()).isFalse();
        assertThat(read.sendLastOnSubscribe()).isFalse();
    }
}
