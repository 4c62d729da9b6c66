package dev.spoq.cloud.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The users and groups of the user image, as user-image/build.sh extracted them from the built image
 * into system-names.txt (packed into this module): derived from the image, never typed a second time.
 */
final class ImageSystemNames {

    static final String RESOURCE = "system-names.txt";

    private ImageSystemNames() {
    }

    static Set<String> load() {
        try (InputStream in = ImageSystemNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " beside " + ImageSystemNames.class.getName()
                        + ": ejb-module packs user-image/" + RESOURCE);
            }
            Set<String> names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
            if (!names.contains("root")) {
                throw new IllegalStateException(RESOURCE + " has no 'root': not a list of the image's users");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
