package im.parley.modules.pubsub;

import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A node's configuration: the options of XEP-0060's {@code pubsub#node_config} form (§16.4.4)
 * this service has, each kept as its normalized form values (booleans as 1 or 0, max_items as a
 * number or {@code max}). {@link #apply} reads a submitted form (a field left out keeps its
 * value, one the service does not have is ignored, §8.2.3.5), {@link #form} writes it, and
 * {@link #meets} checks publish-options preconditions (§7.1.5). Immutable.
 */
public final class NodeConfig {
    /** {@link #maxItems()} of a node that keeps as many items as the service allows ({@code max}). */
    public static final long MAX = Long.MAX_VALUE;

    private record Option(String type, String label, Function<Field, List<String>> normalize, List<String> choices) {
    }

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        text("pubsub#title", "A friendly name for the node");
        choice("pubsub#access_model", "Who may subscribe and retrieve items",
                List.of("open", "presence", "roster", "whitelist", "authorize"));
        OPTIONS.put("pubsub#roster_groups_allowed", new Option("list-multi", "Roster groups allowed to subscribe",
                Field::values, List.of()));
        OPTIONS.put("pubsub#max_items", new Option("text-single", "Max number of items to persist",
                NodeConfig::maxItems, List.of()));
        bool("pubsub#persist_items", "Persist items to storage");
        bool("pubsub#deliver_payloads", "Deliver payloads with event notifications");
        bool("pubsub#deliver_notifications", "Deliver event notifications");
        bool("pubsub#notify_retract", "Notify subscribers when items are removed from the node");
        bool("pubsub#notify_delete", "Notify subscribers when the node is deleted");
        bool("pubsub#notify_config", "Notify subscribers when the node configuration changes");
        choice("pubsub#publish_model", "Who may publish", List.of("publishers", "subscribers", "open"));
        choice("pubsub#send_last_published_item", "When to send the last published item",
                List.of("never", "on_sub", "on_sub_and_presence"));
        choice("pubsub#notification_type", "Message type of notifications", List.of("headline", "normal"));
        text("pubsub#type", "The namespace of the payload");
    }

    private final Map<String, List<String>> values;

    private NodeConfig(Map<String, List<String>> values) {
        this.values = values;
    }

    /** A new node's configuration on a service whose nodes start with this access model and keep this many items. */
    public static NodeConfig defaults(AccessModel accessModel, String maxItems) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("pubsub#title", List.of());
        v.put("pubsub#access_model", List.of(accessModel.value()));
        v.put("pubsub#roster_groups_allowed", List.of());
        v.put("pubsub#max_items", List.of(maxItems));
        for (String on : List.of("persist_items", "deliver_payloads", "deliver_notifications", "notify_retract",
                "notify_delete")) {
            v.put("pubsub#" + on, List.of("1"));
        }
        v.put("pubsub#notify_config", List.of("0"));
        v.put("pubsub#publish_model", List.of("publishers"));
        v.put("pubsub#send_last_published_item", List.of("on_sub_and_presence"));
        v.put("pubsub#notification_type", List.of("headline"));
        v.put("pubsub#type", List.of());
        return new NodeConfig(v);
    }

    /** The submitted form's values over this configuration; a value an option does not take is not-acceptable. */
    public NodeConfig apply(DataForm form) {
        Map<String, List<String>> v = new LinkedHashMap<>(values);
        for (Field field : form.fields()) {
            Option option = OPTIONS.get(field.var());
            if (option != null) {
                v.put(field.var(), List.copyOf(option.normalize().apply(field)));
            }
        }
        return new NodeConfig(v);
    }

    /**
     * Whether every publish-option holds for this configuration (§7.1.5): an option the service
     * does not have, or whose value differs from the node's, is a precondition not met.
     */
    public boolean meets(DataForm options) {
        for (Field field : options.fields()) {
            if ("FORM_TYPE".equals(field.var())) {
                continue;
            }
            Option option = OPTIONS.get(field.var());
            try {
                if (option == null || !option.normalize().apply(field).equals(values.get(field.var()))) {
                    return false;
                }
            } catch (Pubsub.Failure e) {
                return false;
            }
        }
        return true;
    }

    /** The form a configuration request is answered with (§8.2.1); also how a node's configuration is stored. */
    public DataForm form() {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.formType(Pubsub.NODE_CONFIG));
        OPTIONS.forEach((var, option) -> fields.add(new Field(var, option.type(), option.label(), null, false,
                values.get(var), option.choices().stream().map(c -> new DataForm.Option(null, c)).toList())));
        return DataForm.of(DataForm.Type.FORM, null, fields);
    }

    public AccessModel accessModel() {
        return AccessModel.parse(value("pubsub#access_model"));
    }

    public List<String> rosterGroupsAllowed() {
        return values.get("pubsub#roster_groups_allowed");
    }

    /** Items kept; {@link #MAX} for as many as the service allows. */
    public long maxItems() {
        String max = value("pubsub#max_items");
        return "max".equals(max) ? MAX : Long.parseLong(max);
    }

    public boolean persistItems() {
        return flag("pubsub#persist_items");
    }

    public boolean deliverPayloads() {
        return flag("pubsub#deliver_payloads");
    }

    public boolean deliverNotifications() {
        return flag("pubsub#deliver_notifications");
    }

    public boolean notifyRetract() {
        return flag("pubsub#notify_retract");
    }

    public boolean notifyDelete() {
        return flag("pubsub#notify_delete");
    }

    public boolean notifyConfig() {
        return flag("pubsub#notify_config");
    }

    public String publishModel() {
        return value("pubsub#publish_model");
    }

    /** Whether the last item goes to a contact who comes online (XEP-0163 §6.2, {@code on_sub_and_presence}). */
    public boolean sendLastOnPresence() {
        return "on_sub_and_presence".equals(value("pubsub#send_last_published_item"));
    }

    public boolean sendLastOnSubscribe() {
        return !"never".equals(value("pubsub#send_last_published_item"));
    }

    public String notificationType() {
        return value("pubsub#notification_type");
    }

    private String value(String var) {
        List<String> v = values.get(var);
        return v.isEmpty() ? null : v.get(0);
    }

    private boolean flag(String var) {
        return "1".equals(value(var));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static void text(String var, String label) {
        OPTIONS.put(var, new Option("text-single", label,
                f -> f.value() == null || f.value().isEmpty() ? List.of() : List.of(f.value()), List.of()));
    }

    private static void bool(String var, String label) {
        OPTIONS.put(var, new Option("boolean", label, f -> {
            Boolean b = DataForm.parseBoolean(f.value());
            if (b == null) {
                throw new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, null, var + " takes a boolean");
            }
            return List.of(b ? "1" : "0");
        }, List.of()));
    }

    private static void choice(String var, String label, List<String> choices) {
        OPTIONS.put(var, new Option("list-single", label, f -> {
            if (!choices.contains(f.value())) {
                throw var.equals("pubsub#access_model")
                        ? new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, "unsupported-access-model",
                                "Access models offered: " + choices)
                        : new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, null, var + " takes one of " + choices);
            }
            return List.of(f.value());
        }, choices));
    }

    private static List<String> maxItems(Field field) {
        String value = field.value() == null ? "" : field.value().strip();
        if (value.equals("max")) {
            return List.of(value);
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return List.of(Long.toString(n));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Pubsub.Failure(StanzaError.NOT_ACCEPTABLE, null, "pubsub#max_items takes a positive number or max");
    }
}
