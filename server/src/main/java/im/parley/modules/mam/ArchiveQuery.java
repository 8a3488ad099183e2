package im.parley.modules.mam;

import im.parley.xml.Element;
import im.parley.xmpp.DataForm;
import im.parley.xmpp.Jid;
import im.parley.xmpp.ResultSets;
import im.parley.xmpp.StanzaError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A XEP-0313 query as the client wrote it: the form's filters (§4.1) and the XEP-0059 page. Ids
 * are archive keys, resolved to positions by {@link ArchiveSearch}.
 *
 * @param queryId the 'queryid' to echo in every result, or null
 * @param with only messages exchanged with this JID (bare: with any of its resources), or null
 * @param afterId only messages after this one (form 'after-id'), or null
 * @param beforeId only messages before this one (form 'before-id'), or null
 * @param ids only these messages (form 'ids'), or null for any
 * @param max the page's size as asked (RSM 'max'), or null
 * @param after the page starts after this message (RSM 'after'), or null
 * @param before the page ends before this message (RSM 'before' with an id), or null
 * @param backwards the page is the last of the result set (RSM 'before', with or without an id)
 * @param flipPage results are sent newest first (XEP-0313 §4.3.3)
 */
record ArchiveQuery(String queryId, Jid with, Instant start, Instant end, String afterId, String beforeId,
        List<String> ids, Integer max, String after, String before, boolean backwards, boolean flipPage) {
    static final String RSM = ResultSets.NAMESPACE;
    /** The form fields this archive takes (XEP-0313 §4.1, with §6's extended ones). */
    static final Set<String> FIELDS = Set.of("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids");

    /** The ids the query names, each of which must be in the archive (XEP-0313 §4.1.4, §4.3.1). */
    List<String> referencedIds() {
        List<String> referenced = new ArrayList<>();
        for (String id : new String[] {afterId, beforeId, after, before}) {
            if (id != null) {
                referenced.add(id);
            }
        }
        if (ids != null) {
            referenced.addAll(ids);
        }
        return referenced;
    }

    /** Reads {@code <query xmlns='urn:xmpp:mam:2'/>} of an IQ set. */
    static ArchiveQuery parse(Element query) throws QueryRejected {
        Element x = query.child("x", DataForm.NAMESPACE);
        DataForm form = x == null ? null : form(x);
        Element set = query.child("set", RSM);
        Element before = set == null ? null : set.child("before", RSM);
        if (set != null && set.child("index", RSM) != null) {
            throw new QueryRejected(StanzaError.FEATURE_NOT_IMPLEMENTED, "RSM 'index' is not supported; page by id");
        }
        return new ArchiveQuery(query.attribute("queryid"),
                form == null ? null : jid(form.value("with")),
                form == null ? null : instant("start", form.value("start")),
                form == null ? null : instant("end", form.value("end")),
                form == null ? null : nonEmpty(form.value("after-id")),
                form == null ? null : nonEmpty(form.value("before-id")),
                form == null || form.field("ids") == null ? null : form.values("ids"),
                set == null ? null : max(set.childText("max")),
                set == null ? null : nonEmpty(set.childText("after")),
                before == null ? null : nonEmpty(before.text()),
                before != null,
                query.child("flip-page", MamModule.NAMESPACE) != null);
    }

    /** XEP-0313 §4.1: a field the archive does not know is feature-not-implemented. */
    private static DataForm form(Element x) throws QueryRejected {
        DataForm form;
        try {
            form = DataForm.parse(x);
        } catch (IllegalArgumentException e) {
            throw new QueryRejected(StanzaError.BAD_REQUEST, "The query's form is not valid: " + e.getMessage());
        }
        if (form.formType() != null && !MamModule.NAMESPACE.equals(form.formType())) {
            throw new QueryRejected(StanzaError.BAD_REQUEST, "The query's FORM_TYPE is " + MamModule.NAMESPACE);
        }
        for (DataForm.Field field : form.fields()) {
            if (!FIELDS.contains(field.var())) {
                throw new QueryRejected(StanzaError.FEATURE_NOT_IMPLEMENTED, "Unknown query field '" + field.var() + "'");
            }
        }
        return form;
    }

    private static Jid jid(String value) throws QueryRejected {
        if (nonEmpty(value) == null) {
            return null;
        }
        Jid jid = Jid.parseOrNull(value.strip());
        if (jid == null) {
            throw new QueryRejected(StanzaError.JID_MALFORMED, "'with' is not a JID: " + value);
        }
        return jid;
    }

    /** A XEP-0082 DateTime. */
    private static Instant instant(String field, String value) throws QueryRejected {
        if (nonEmpty(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new QueryRejected(StanzaError.BAD_REQUEST, "'" + field + "' is not a XEP-0082 DateTime: " + value);
        }
    }

    private static Integer max(String value) throws QueryRejected {
        try {
            return ResultSets.max(value);
        } catch (IllegalArgumentException e) {
            throw new QueryRejected(StanzaError.BAD_REQUEST, e.getMessage());
        }
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
