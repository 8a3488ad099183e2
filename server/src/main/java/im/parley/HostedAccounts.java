package im.parley;

import im.parley.account.AccountService;
import im.parley.auth.SaslMechanisms;
import im.parley.module.Accounts;
import im.parley.module.Hosts;
import im.parley.router.LocalUsers;
import im.parley.xmpp.Jid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The accounts of the hosted domains, as the router, SASL and the modules ask for them: the
 * account store (keyed by host and local part) restricted to the domains this server hosts, so
 * that no account is ever made or found under a domain it does not serve.
 */
final class HostedAccounts implements Accounts, LocalUsers {
    private final AccountService accounts;
    private final Hosts hosts;
    /** Each host's SASL mechanisms, over its accounts' credentials. */
    private final Map<String, SaslMechanisms> mechanisms = new HashMap<>();

    HostedAccounts(AccountService accounts, Hosts hosts) {
        this.accounts = accounts;
        this.hosts = hosts;
        for (String host : hosts.domains()) {
            mechanisms.put(host, new SaslMechanisms(accounts.credentialStore(host), host));
        }
    }

    /** What SASL checks a login to {@code host} with. */
    SaslMechanisms mechanisms(String host) {
        hosts.require(host);
        return mechanisms.get(host);
    }

    @Override
    public boolean authenticate(Jid account, String password) {
        return hosts.isAccount(account) && mechanisms(account.domain()).verifyPassword(account.local(), password);
    }

    @Override
    public Jid create(Jid account, String password) {
        hosts.require(account.domain());
        return accounts.create(account, password);
    }

    @Override
    public void delete(Jid account) {
        hosts.require(account.domain());
        accounts.delete(account);
    }

    @Override
    public void changePassword(Jid account, String newPassword) {
        hosts.require(account.domain());
        accounts.changePassword(account, newPassword);
    }

    @Override
    public boolean exists(Jid account) {
        return hosts.isAccount(account) && accounts.exists(account);
    }

    @Override
    public List<Jid> list(String host) {
        hosts.require(host);
        return accounts.list(host);
    }

    @Override
    public List<Jid> find(String host, String text, int offset, int limit) {
        hosts.require(host);
        return accounts.find(host, text, offset, limit);
    }

    @Override
    public int count(String host, String text) {
        hosts.require(host);
        return accounts.count(host, text);
    }

    @Override
    public void onDeletion(Consumer<Jid> listener) {
        accounts.addDeletionListener(listener);
    }

    @Override
    public void onPasswordChange(Consumer<Jid> listener) {
        accounts.addPasswordChangeListener(listener);
    }
}
