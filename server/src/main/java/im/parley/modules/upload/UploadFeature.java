package im.parley.modules.upload;

import im.parley.config.ConfigException;
import im.parley.http.HttpService;
import im.parley.module.Declared;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** HTTP File Upload (XEP-0363). Section {@code upload:}; needs the HTTP listener (or {@code http.public-url}). */
public final class UploadFeature extends Declared<UploadConfig> {
    public UploadFeature() {
        super("upload", UploadConfig::read, (settings, services) -> {
            UploadConfig config = settings.server();
            HttpService http = services.http();
            if (!http.reachable()) {
                throw new ConfigException("upload needs the HTTP listener (http.port or http.tls-port, or http.public-url"
                        + " for one in front of it); or switch it off: upload: {enabled: false}");
            }
            Path directory = config.directory() != null ? config.directory() : services.dataDir().resolve("uploads");
            UploadedFiles files;
            try {
                files = new UploadedFiles(services.jdbc(), new DirectoryStore(directory));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the upload directory " + directory, e);
            }
            Slots slots = new Slots();
            UploadRoute route = new UploadRoute(slots, files, services.clock());
            http.routes().addStreamed(UploadModule.PATH, Set.of(HttpMethod.PUT), true, route);
            http.routes().add(UploadModule.PATH, Set.of(HttpMethod.GET), true, route);
            services.accounts().onDeletion(account -> files.idsOf(account).forEach(files::delete));
            return new UploadModule(config, slots, files, http, services.clock(),
                    new FileExpiry(files, slots, config.retention(), services.clock()));
        });
    }

    @Override
    public Set<String> serverWideOptions() {
        return Set.of("subdomain", "max-file-size", "quota", "content-types", "max-pending-slots",
                "slot-lifetime-seconds", "retention-days", "directory");
    }

    /** The feature's own table ({@code db/upload}). */
    @Override
    public Optional<String> migrations() {
        return Optional.of("classpath:db/upload");
    }
}
