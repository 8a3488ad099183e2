package im.parley.modules.muc;

import static org.assertj.core.api.Assertions.assertThat;

import im.parley.xmpp.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The permission tables of XEP-0045 §5 and §8-§10, row by row: who may change whose role or affiliation. */
class PrivilegesTest {
    @ParameterizedTest(name = "{0} {1} sets {2} {3} to {4}: {5}")
    @CsvSource({
        // Only moderators change roles (§8: forbidden otherwise).
        "MEMBER, PARTICIPANT, NONE, PARTICIPANT, NONE, FORBIDDEN",
        "ADMIN, VISITOR, NONE, PARTICIPANT, VISITOR, FORBIDDEN",
        // Kick (§8.2): not someone of a higher affiliation.
        "MEMBER, MODERATOR, ADMIN, MODERATOR, NONE, NOT_ALLOWED",
        "MEMBER, MODERATOR, OWNER, MODERATOR, NONE, NOT_ALLOWED",
        "ADMIN, MODERATOR, OWNER, MODERATOR, NONE, NOT_ALLOWED",
        "MEMBER, MODERATOR, NONE, PARTICIPANT, NONE, ",
        "ADMIN, MODERATOR, ADMIN, MODERATOR, NONE, ",
        "OWNER, MODERATOR, ADMIN, MODERATOR, NONE, ",
        // Revoking voice (§8.4): never from an admin or owner, nor from one's own level or above.
        "OWNER, MODERATOR, ADMIN, MODERATOR, VISITOR, NOT_ALLOWED",
        "MEMBER, MODERATOR, MEMBER, PARTICIPANT, VISITOR, NOT_ALLOWED",
        "NONE, MODERATOR, NONE, PARTICIPANT, VISITOR, NOT_ALLOWED",
        "MEMBER, MODERATOR, NONE, PARTICIPANT, VISITOR, ",
        "ADMIN, MODERATOR, MEMBER, PARTICIPANT, VISITOR, ",
        // Granting voice (§8.3): any moderator.
        "NONE, MODERATOR, NONE, VISITOR, PARTICIPANT, ",
        // Moderator status (§9.6, §9.7): admins and owners only, never taken from an admin or owner.
        "MEMBER, MODERATOR, NONE, PARTICIPANT, MODERATOR, FORBIDDEN",
        "MEMBER, MODERATOR, NONE, MODERATOR, PARTICIPANT, FORBIDDEN",
        "ADMIN, MODERATOR, NONE, PARTICIPANT, MODERATOR, ",
        "ADMIN, MODERATOR, MEMBER, MODERATOR, PARTICIPANT, ",
        "ADMIN, MODERATOR, ADMIN, MODERATOR, PARTICIPANT, NOT_ALLOWED",
        "ADMIN, MODERATOR, OWNER, MODERATOR, PARTICIPANT, NOT_ALLOWED",
        "OWNER, MODERATOR, ADMIN, MODERATOR, PARTICIPANT, NOT_ALLOWED",
    })
    void roleChanges(Affiliation actor, Role actorRole, Affiliation target, Role targetRole, Role to, StanzaError expected) {
        assertThat(Privileges.roleChange(actor, actorRole, target, targetRole, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} (self: {1}) changes {2} to {3}: {4}")
    @CsvSource({
        // Only admins and owners change affiliations (§9: forbidden otherwise).
        "MEMBER, false, NONE, MEMBER, FORBIDDEN",
        "NONE, false, NONE, OUTCAST, FORBIDDEN",
        // An admin bans and manages members (§9.1-§9.5), but not an admin or owner (not-allowed to ban,
        // forbidden to change the admin and owner lists, §10.3-§10.8), and never itself.
        "ADMIN, false, NONE, OUTCAST, ",
        "ADMIN, false, MEMBER, OUTCAST, ",
        "ADMIN, false, NONE, MEMBER, ",
        "ADMIN, false, MEMBER, NONE, ",
        "ADMIN, false, OUTCAST, NONE, ",
        "ADMIN, false, ADMIN, OUTCAST, NOT_ALLOWED",
        "ADMIN, false, OWNER, OUTCAST, NOT_ALLOWED",
        "ADMIN, false, ADMIN, MEMBER, FORBIDDEN",
        "ADMIN, false, MEMBER, ADMIN, FORBIDDEN",
        "ADMIN, false, NONE, OWNER, FORBIDDEN",
        "ADMIN, true, ADMIN, OUTCAST, CONFLICT",
        // An owner does all of it, except banning itself.
        "OWNER, false, ADMIN, OUTCAST, ",
        "OWNER, false, OWNER, NONE, ",
        "OWNER, false, MEMBER, ADMIN, ",
        "OWNER, false, NONE, OWNER, ",
        "OWNER, true, OWNER, OUTCAST, CONFLICT",
    })
    void affiliationChanges(Affiliation actor, boolean self, Affiliation current, Affiliation to, StanzaError expected) {
        assertThat(Privileges.affiliationChange(actor, self, current, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} lists {2}/{3}: {4}")
    @CsvSource({
        "OWNER, MODERATOR, OWNER, , true",
        "ADMIN, MODERATOR, OWNER, , false",
        "ADMIN, MODERATOR, ADMIN, , false",
        "ADMIN, MODERATOR, MEMBER, , true",
        "ADMIN, NONE, OUTCAST, , true",
        "MEMBER, MODERATOR, MEMBER, , false",
        "MEMBER, MODERATOR, , PARTICIPANT, true",
        "NONE, PARTICIPANT, , PARTICIPANT, false",
        "MEMBER, MODERATOR, , MODERATOR, false",
        "ADMIN, MODERATOR, , MODERATOR, true",
    })
    void lists(Affiliation actor, Role actorRole, Affiliation listedAffiliation, Role listedRole, boolean allowed) {
        boolean may = listedAffiliation != null ? Privileges.mayList(actor, listedAffiliation)
                : Privileges.mayList(actor, actorRole, listedRole);
        assertThat(may).isEqualTo(allowed);
    }
}
