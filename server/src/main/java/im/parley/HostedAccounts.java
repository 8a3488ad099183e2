package im.parley;

import im.parley.account.AccountService;
import im.parley.auth.CredentialStore;
import im.parley.module.Accounts;
import im.parley.module.Hosts;
import im.parley.router.LocalUsers;
import im.parley.xmpp.Jid;
import java.util.List;
import java.util.function.Consumer;

/**
 * The accounts of the hosted domains, as the router, SASL and the modules ask for them: the
 * account store (keyed by host and local part) restricted to the domains this server hosts, so
 * that no account is ever made or found under a domain it does not serve.
 */
final class HostedAccounts implements Accounts, LocalUsers {
    private final AccountService accounts;
    private final Hosts hosts;

    HostedAccounts(AccountService accounts, Hosts hosts) {
        this.accounts = accounts;
        this.hosts = hosts;
    }

    /** The credentials SASL checks for a login to {@code host}. */
    CredentialStore credentials(String host) {
        hosts.require(host);
        return accounts.credentialStore(host);
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
    public void onDeletion(Consumer<Jid> listener) {
        accounts.addDeletionListener(listener);
    }

    @Override
    public void onPasswordChange(Consumer<Jid> listener) {
        accounts.addPasswordChangeListener(listener);
    }
}
