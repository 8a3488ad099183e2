package im.parley;

import im.parley.account.AccountService;
import im.parley.auth.CredentialStore;
import im.parley.module.Accounts;
import im.parley.router.LocalUsers;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Account lookups by bare JID (what the router, SASL and the modules ask) over today's account
 * store, which keys accounts by local part only. This is the one place that drops the domain:
 * until the store is keyed by host and local part, {@code alice} is the same account on every
 * hosted domain. Replace this class with the store's own bare-JID API when that lands.
 */
final class HostedAccounts implements Accounts, LocalUsers {
    private final AccountService accounts;
    private final Set<String> hosts;

    HostedAccounts(AccountService accounts, Set<String> hosts) {
        this.accounts = accounts;
        this.hosts = Set.copyOf(hosts);
    }

    /** The credentials SASL checks for a login to {@code host}. */
    CredentialStore credentials(String host) {
        requireHosted(host);
        return accounts;
    }

    @Override
    public Jid create(Jid account, String password) {
        requireHosted(account.domain());
        return Jid.of(accounts.create(account.local(), password), account.domain(), null);
    }

    @Override
    public void delete(Jid account) {
        requireHosted(account.domain());
        accounts.delete(account.local());
    }

    @Override
    public void changePassword(Jid account, String newPassword) {
        requireHosted(account.domain());
        accounts.changePassword(account.local(), newPassword);
    }

    @Override
    public boolean exists(Jid account) {
        return account.local() != null && hosts.contains(account.domain()) && accounts.exists(account.local());
    }

    @Override
    public List<Jid> list(String host) {
        requireHosted(host);
        return accounts.list().stream().map(name -> Jid.of(name, host, null)).toList();
    }

    /** A deleted local part is gone from every host, so each host's clean-up runs. */
    @Override
    public void onDeletion(Consumer<Jid> listener) {
        accounts.addDeletionListener(name -> hosts.forEach(host -> listener.accept(Jid.of(name, host, null))));
    }

    private void requireHosted(String host) {
        if (!hosts.contains(host)) {
            throw new IllegalArgumentException(host + " is not a hosted domain");
        }
    }
}
