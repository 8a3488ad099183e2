package im.parley.modules.register;

import im.parley.module.Declared;

/** In-band registration (XEP-0077). Section {@code registration:}. */
public final class RegisterFeature extends Declared<RegistrationConfig> {
    public RegisterFeature() {
        super("registration", RegistrationConfig::read, (settings, services) ->
                new RegisterModule(services.accounts(), settings));
    }
}
