package im.parley.modules.search;

import im.parley.modules.adhoc.AdHocCommand;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.DataForm.Field;
import im.parley.xmpp.Jid;

/**
 * The ad-hoc command (XEP-0050) with which a local user chooses whether directory searches may
 * find them. Users are unlisted until they choose otherwise.
 */
final class DirectoryListingCommand implements AdHocCommand {
    static final String NODE = "urn:parley:directory:listing";
    static final String FORM_TYPE = "urn:parley:directory";
    static final String LISTED = "listed";

    private final DirectoryStore store;
    private final String domain;

    DirectoryListingCommand(DirectoryStore store, String domain) {
        this.store = store;
        this.domain = domain;
    }

    @Override
    public String node() {
        return NODE;
    }

    @Override
    public String name() {
        return "Directory listing";
    }

    /** Any account of this server: the command changes only the requester's own listing. */
    @Override
    public boolean allowed(Jid requester) {
        return requester.local() != null && requester.domain().equals(domain);
    }

    @Override
    public Step execute(Jid requester, DataForm submitted, int stage) {
        String username = requester.local();
        if (submitted == null) {
            return new Step.Form(form(store.listed(username)));
        }
        Boolean listed = parseBoolean(submitted.value(LISTED));
        if (listed == null) {
            return new Step.Invalid("Say whether to be listed: true or false");
        }
        store.setListed(username, listed);
        return new Step.Completed(null, listed
                ? "Directory searches can now find you by the name, nickname and e-mail in your vCard."
                : "Directory searches no longer find you.");
    }

    private static DataForm form(boolean listed) {
        return DataForm.of(DataForm.Type.FORM, "Directory listing", java.util.List.of(
                Field.formType(FORM_TYPE),
                Field.of(LISTED, "boolean", "List me in the user directory", listed ? "1" : "0").asRequired()))
                .withInstructions("Listed users can be found by the name, nickname and e-mail address in their vCard.");
    }

    /** XEP-0004 §3.3: a boolean is "0"/"false" or "1"/"true"; anything else (or nothing) is null. */
    static Boolean parseBoolean(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }
}
