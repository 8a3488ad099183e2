package im.parley.modules.push;

import im.parley.store.Jdbc;
import im.parley.store.KeyHash;
import im.parley.xml.XmlText;
import im.parley.xmpp.Jid;
import java.util.List;

/** {@link PushRegistrations} in the {@code push_registration} table (db/push); rows go with the account by foreign key. */
final class JdbcPushRegistrations implements PushRegistrations {
    private static final String ACCOUNT = "host = ? AND username = ?";

    private final Jdbc jdbc;

    JdbcPushRegistrations(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean enable(Registration registration, int max) {
        Jid account = registration.account();
        String hash = hash(registration.service(), registration.node());
        String options = registration.publishOptions() == null ? null : XmlText.write(registration.publishOptions());
        return jdbc.inTransaction(tx -> {
            if (tx.update("UPDATE push_registration SET publish_options = ? WHERE " + ACCOUNT + " AND target_hash = ?",
                    options, account.domain(), account.local(), hash) > 0) {
                return true;
            }
            int count = tx.query("SELECT COUNT(*) FROM push_registration WHERE " + ACCOUNT, row -> row.getInt(1),
                    account.domain(), account.local()).getFirst();
            if (count >= max) {
                return false;
            }
            tx.update("INSERT INTO push_registration (host, username, target_hash, service, node, publish_options)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", account.domain(), account.local(), hash,
                    registration.service().toString(), registration.node(), options);
            return true;
        });
    }

    @Override
    public void disable(Jid account, Jid service, String node) {
        if (node == null) {
            jdbc.update("DELETE FROM push_registration WHERE " + ACCOUNT + " AND service = ?", account.domain(),
                    account.local(), service.toString());
        } else {
            jdbc.update("DELETE FROM push_registration WHERE " + ACCOUNT + " AND target_hash = ?", account.domain(),
                    account.local(), hash(service, node));
        }
    }

    @Override
    public List<Registration> of(Jid account) {
        return jdbc.query("SELECT service, node, publish_options FROM push_registration WHERE " + ACCOUNT
                        + " ORDER BY target_hash",
                row -> new Registration(account, Jid.parse(row.getString(1)), row.getString(2),
                        row.getString(3) == null ? null : XmlText.readOne(row.getString(3))),
                account.domain(), account.local());
    }

    /** The service and node as one key: a NUL cannot occur in a JID. */
    private static String hash(Jid service, String node) {
        return KeyHash.of(service + "\0" + node);
    }
}
