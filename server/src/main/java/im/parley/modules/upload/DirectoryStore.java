package im.parley.modules.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * {@link FileStore} in a directory: one file per key, written under a temporary name and moved in
 * place when complete. Only keys of the module's own form are taken, so no key can name a path
 * outside the directory.
 */
final class DirectoryStore implements FileStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final int BUFFER = 64 * 1024;

    private final Path directory;

    DirectoryStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public void write(String key, InputStream body, long size) throws IOException {
        Path target = path(key);
        Path partial = directory.resolve(key + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER];
                long written = 0;
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    written += n;
                    if (written > size) {
                        throw new IOException("the body is longer than " + size + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
                if (written < size) {
                    throw new IOException("the body ended after " + written + " of " + size + " bytes");
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream read(String key) throws IOException {
        try {
            return Files.newInputStream(path(key));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a key of the upload module: " + key);
        }
        return directory.resolve(key);
    }
}
