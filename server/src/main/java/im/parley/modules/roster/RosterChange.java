package im.parley.modules.roster;

import im.parley.xml.Element;

/**
 * One change of a roster as a push tells it (RFC 6121 §2.6.3): the item as it is now, or its
 * removal ({@code subscription='remove'}), with the version that change gave the roster.
 */
record RosterChange(long version, Element item) {
}
