package im.parley.modules.muc;

import im.parley.xmpp.Jid;
import java.util.List;

/** What administration sees of the chat rooms (the web admin page): the rooms with their occupants, their count, and destroying one. */
public interface ChatRooms {
    /** One occupant: its nick, role and affiliation (XEP-0045 §5), and the real full JIDs of its sessions. */
    record OccupantView(String nick, String role, String affiliation, List<Jid> sessions) {
    }

    /** A room as it is now. */
    record RoomView(Jid jid, String name, boolean persistent, boolean publicRoom, List<OccupantView> occupants) {
    }

    /** The rooms of {@code host}'s service, ordered by JID. */
    List<RoomView> rooms(String host);

    /** How many rooms {@code host}'s service has: the size of {@link #rooms}, without taking each room's lock to view it. */
    int count(String host);

    /**
     * Destroys a room of {@code host}'s service as its owner would (§10.9: every occupant is told,
     * with {@code reason}; a persistent room leaves the store). Returns false when that service
     * has no such room, so an administrator of one host cannot destroy another host's rooms.
     */
    boolean destroy(String host, Jid room, String reason);
}
