package im.parley.modules.search;

import im.parley.module.HostSettings;
import im.parley.module.IqRequest;
import im.parley.module.IqScope;
import im.parley.module.Module;
import im.parley.module.ModuleContext;
import im.parley.modules.adhoc.AdHocCommands;
import im.parley.xml.Element;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Stanza;
import im.parley.xmpp.StanzaError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * User directory search (XEP-0055), served by the server's domain, in both the legacy fields and
 * the data form (XEP-0004) variant. It searches the vCards of the users who opted in with the
 * {@link DirectoryListingCommand}; nobody else is ever found. A value matches any vCard value that
 * contains it, ignoring case; given several fields, an entry must match them all.
 */
public final class SearchModule implements Module {
    public static final String NAMESPACE = "jabber:iq:search";
    private static final String INSTRUCTIONS = "Fill in one or more fields to search for users who chose to be"
            + " listed in the directory. Any part of a value matches, ignoring case.";

    private final DirectoryRepository store;
    private final AdHocCommands commands;
    private final HostSettings<SearchConfig> settings;

    public SearchModule(DirectoryRepository store, AdHocCommands commands, HostSettings<SearchConfig> settings) {
        this.store = store;
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public void start(ModuleContext context) {
        context.serverFeature(NAMESPACE);
        context.handleIq(IqScope.SERVER, NAMESPACE, this::handle);
        commands.add(DirectoryListingCommand.create(store, context.enabledHosts()));
    }

    Stanza handle(IqRequest request) {
        Stanza iq = request.iq();
        if ("get".equals(iq.type())) {
            return iq.result(searchForm());
        }
        Element query = iq.payload();
        Element x = query.child("x", DataForm.NAMESPACE);
        Map<SearchField, String> criteria;
        try {
            criteria = x != null ? formCriteria(DataForm.parse(x)) : legacyCriteria(query);
        } catch (IllegalArgumentException e) {
            return iq.error(StanzaError.BAD_REQUEST, e.getMessage());
        }
        if (criteria.isEmpty()) {
            return iq.error(StanzaError.NOT_ACCEPTABLE, "Fill in at least one field");
        }
        String host = iq.to().domain();
        List<DirectoryEntry> found = store.search(host, criteria, settings.of(host).maxResults());
        Element.Builder result = Element.builder("query", NAMESPACE);
        if (x != null) {
            result.child(resultForm(found, host).toElement());
        } else {
            found.forEach(entry -> result.child(legacyItem(entry, host)));
        }
        return iq.result(result.build());
    }

    /** §2 and §3: the legacy fields for old clients and the same fields (and more) as a form. */
    private static Element searchForm() {
        Element.Builder query = Element.builder("query", NAMESPACE).textChild("instructions", INSTRUCTIONS);
        List<Field> fields = new ArrayList<>();
        fields.add(Field.formType(NAMESPACE));
        for (SearchField field : SearchField.values()) {
            if (field.legacy()) {
                query.child(Element.of(field.var(), NAMESPACE));
            }
            fields.add(Field.of(field.var(), "text-single", field.label()));
        }
        DataForm form = DataForm.of(DataForm.Type.FORM, "User Directory Search", fields)
                .withInstructions(INSTRUCTIONS);
        return query.child(form.toElement()).build();
    }

    private static Map<SearchField, String> legacyCriteria(Element query) {
        Map<SearchField, String> criteria = new EnumMap<>(SearchField.class);
        for (SearchField field : SearchField.values()) {
            if (field.legacy()) {
                putIfFilled(criteria, field, query.childText(field.var()));
            }
        }
        return criteria;
    }

    private static Map<SearchField, String> formCriteria(DataForm form) {
        if (form.type() != DataForm.Type.SUBMIT) {
            throw new IllegalArgumentException("Submit the search form with type 'submit'");
        }
        Map<SearchField, String> criteria = new EnumMap<>(SearchField.class);
        for (SearchField field : SearchField.values()) {
            putIfFilled(criteria, field, form.value(field.var()));
        }
        return criteria;
    }

    private static void putIfFilled(Map<SearchField, String> criteria, SearchField field, String value) {
        if (value != null && !value.isBlank()) {
            criteria.put(field, value.strip());
        }
    }

    private static Element legacyItem(DirectoryEntry entry, String host) {
        Element.Builder item = Element.builder("item", NAMESPACE).attribute("jid", jid(entry, host));
        for (SearchField field : SearchField.values()) {
            if (field.legacy()) {
                item.textChild(field.var(), entry.values().getOrDefault(field, ""));
            }
        }
        return item.build();
    }

    /** §3: a table with the JID and every field, under the same FORM_TYPE. */
    private static DataForm resultForm(List<DirectoryEntry> found, String host) {
        List<Field> reported = new ArrayList<>();
        reported.add(Field.of("jid", "jid-single", "JID"));
        for (SearchField field : SearchField.values()) {
            reported.add(Field.of(field.var(), "text-single", field.label()));
        }
        List<List<Field>> items = new ArrayList<>();
        for (DirectoryEntry entry : found) {
            List<Field> row = new ArrayList<>();
            row.add(Field.of("jid", null, null, jid(entry, host)));
            for (SearchField field : SearchField.values()) {
                row.add(Field.of(field.var(), null, null, entry.values().getOrDefault(field, "")));
            }
            items.add(row);
        }
        return new DataForm(DataForm.Type.RESULT, "Search Results", List.of(), List.of(Field.formType(NAMESPACE)),
                reported, items);
    }

    /** Users are found on the host that was searched (XEP-0055 is served per domain). */
    private static String jid(DirectoryEntry entry, String host) {
        return entry.username() + "@" + host;
    }
}
