package im.parley.modules.muc;

import im.parley.xmpp.StanzaError;

/**
 * The permission tables of XEP-0045 (§5.1.1, §5.2.1 and the use cases of §8-§10): whether one
 * occupant or affiliated user may change another's role or affiliation. Each check returns the
 * error the XEP names for a refusal, or null when the change is allowed: {@code forbidden} when
 * the actor lacks the privilege altogether, {@code not-allowed} when the target is protected from
 * this actor, {@code conflict} for a change the actor may not make to itself.
 */
final class Privileges {
    private Privileges() {
    }

    /**
     * A moderator's change of an occupant's role by nick (§8.2-§8.5 kick and voice, §9.6-§9.8 moderator
     * status): only moderators change roles, only admins and owners grant or revoke moderator
     * status, no one acts on a higher affiliation, and owners and admins never lose voice or
     * moderator status.
     */
    static StanzaError roleChange(Affiliation actor, Role actorRole, Affiliation target, Role targetRole, Role to) {
        if (actorRole != Role.MODERATOR) {
            return StanzaError.FORBIDDEN;
        }
        if (target.above(actor)) {
            return StanzaError.NOT_ALLOWED;
        }
        boolean moderatorStatus = to == Role.MODERATOR || targetRole == Role.MODERATOR;
        if (moderatorStatus && !actor.privileged()) {
            return StanzaError.FORBIDDEN;
        }
        return switch (to) {
            // §8.4: voice is never revoked from an admin or owner, nor from an affiliation at the moderator's level.
            case VISITOR -> target.privileged() || !actor.above(target) ? StanzaError.NOT_ALLOWED : null;
            // §9.7: moderator status is never revoked from an admin or owner.
            case PARTICIPANT -> targetRole == Role.MODERATOR && target.privileged() ? StanzaError.NOT_ALLOWED : null;
            case MODERATOR, NONE -> null;
        };
    }

    /**
     * An affiliation change by bare JID (§9.1-§9.5 bans and membership, §10.3-§10.8 owner and admin
     * lists): only admins and owners change affiliations, only owners grant or take away the
     * admin or owner affiliation (an admin who tries to ban one is {@code not-allowed}, §9.1), and
     * no one bans themselves (§9.1). That a room keeps an owner is checked over the whole request.
     */
    static StanzaError affiliationChange(Affiliation actor, boolean self, Affiliation current, Affiliation to) {
        if (!actor.privileged()) {
            return StanzaError.FORBIDDEN;
        }
        if (self && to == Affiliation.OUTCAST) {
            return StanzaError.CONFLICT;
        }
        if (actor != Affiliation.OWNER && (to.privileged() || current.privileged())) {
            return to == Affiliation.OUTCAST ? StanzaError.NOT_ALLOWED : StanzaError.FORBIDDEN;
        }
        return null;
    }

    /** Who may read a list (§8.5 voice, §9.3 ban, §9.5 member, §9.8 moderator, §10.5 owner, §10.7 admin). */
    static boolean mayList(Affiliation actor, Affiliation listed) {
        return listed.privileged() ? actor == Affiliation.OWNER : actor.privileged();
    }

    /** Who may read a role list: moderators the voice list (§8.5), admins and owners the moderator list (§9.8). */
    static boolean mayList(Affiliation actor, Role actorRole, Role listed) {
        return listed == Role.MODERATOR ? actor.privileged() : actorRole == Role.MODERATOR;
    }
}
