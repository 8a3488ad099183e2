package im.parley.modules.upload;

import im.parley.config.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP File Upload, XEP-0363 ({@code upload:} section), at {@code <subdomain>.<host>}: the limits
 * of what the hosts' users may store, and where. One store and one HTTP route serve every host,
 * so every option is server-wide.
 *
 * @param subdomain the service's domain under each host
 * @param maxFileSize the largest file, in bytes (announced in disco#info)
 * @param quota the bytes one user may keep stored at once (files not yet expired and slots not yet used)
 * @param contentTypes the media types that may be uploaded; empty: any
 * @param maxPendingSlots slots one user may hold unused at once
 * @param slotLifetime how long a slot may wait for its upload
 * @param retention how long a file is kept; zero: until its owner's account is deleted
 * @param directory where the files are stored; null: {@code uploads} in the data directory
 */
public record UploadConfig(String subdomain, long maxFileSize, long quota, List<String> contentTypes,
        int maxPendingSlots, Duration slotLifetime, Duration retention, Path directory) {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|KiB|MB|MiB|GB|GiB)", Pattern.CASE_INSENSITIVE);
    private static final String SIZE_EXPECTED = "a size in bytes, or with KiB, MiB or GiB (e.g. 100 MiB)";

    public static UploadConfig read(ConfigSection s) {
        long maxFileSize = s.parsed("max-file-size", 100L << 20, SIZE_EXPECTED, UploadConfig::size);
        long quota = s.parsed("quota", 1L << 30, SIZE_EXPECTED, UploadConfig::size);
        if (quota < maxFileSize) {
            throw s.error("quota", "must be at least max-file-size");
        }
        List<String> types = s.list("content-types", List.of(), "a media type (type/subtype)", type -> {
            if (!type.matches("[\\w.+-]+/[\\w.+-]+")) {
                throw new IllegalArgumentException("a media type is type/subtype, e.g. image/jpeg");
            }
            return type.toLowerCase(Locale.ROOT);
        });
        String directory = s.string("directory", null);
        return new UploadConfig(s.string("subdomain", "upload"), maxFileSize, quota, types,
                s.integer("max-pending-slots", 10, 1, 10_000),
                Duration.ofSeconds(s.integer("slot-lifetime-seconds", 300, 1, 86_400)),
                Duration.ofDays(s.integer("retention-days", 30, 0, 36_500)),
                directory == null ? null : Path.of(directory));
    }

    /** A size: bytes, or a number of KiB, MiB or GiB (KB, MB, GB taken as the same). */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 0;
            case "KB", "KIB" -> 10;
            case "MB", "MIB" -> 20;
            default -> 30;
        };
        long value = Long.parseLong(m.group(1));
        if (value <= 0 || value > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("out of range");
        }
        return value << shift;
    }

    /** Whether a file of this media type may be uploaded (a type is needed when the list is set). */
    boolean allows(String contentType) {
        return contentTypes.isEmpty() || contentType != null && contentTypes.contains(mediaType(contentType));
    }

    /** The type/subtype of a Content-Type value, without parameters, in lower case. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
