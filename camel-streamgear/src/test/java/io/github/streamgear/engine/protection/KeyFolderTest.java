package io.github.streamgear.engine.protection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Protection;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The private key folder, the key's validation and printing, and the key URI template. */
class KeyFolderTest {

    private static final byte[] KID = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] KEY = HexFormat.of().parseHex("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    private static final byte[] IV = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");

    @Test
    void ownerOnlyFolderWithTheKeyAndKeyInfoFilesRemovedOnClose() throws Exception {
        ContentKey key = new ContentKey(KID, KEY, IV, null);
        KeyFolder folder = KeyFolder.create("job", key, "https://keys.example/k");
        Path dir = folder.dir();
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertFalse(dir.startsWith(Path.of("").toAbsolutePath()), "in java.io.tmpdir, not in a working folder");
            List<String> info = Files.readAllLines(folder.keyInfoFile());
            assertEquals("https://keys.example/k", info.get(0));
            Path keyFile = Path.of(info.get(1));
            assertEquals(dir, keyFile.getParent());
            assertArrayEquals(KEY, Files.readAllBytes(keyFile));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.keyInfoFile())));
            assertEquals(HexFormat.of().formatHex(IV), info.get(2));
        } finally {
            folder.close();
        }
        assertFalse(Files.exists(dir));
        folder.close(); // twice is harmless
    }

    @Test
    void keysAreValidatedAndNeverPrinted() {
        ContentKey key = new ContentKey(KID, KEY, null, "https://k/1");
        assertFalse(key.toString().contains(key.keyHex()), key.toString());
        assertTrue(key.toString().contains(key.keyIdHex()), key.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContentKey(KID, new byte[] {1, 2, 3}, null, null));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContentKey(new byte[4], KEY, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ContentKey(KID, KEY, new byte[8], null));
        assertThrows(IllegalArgumentException.class, () -> new ContentKey(KID, KEY, null, "https://k/\n#EXT-X-ENDLIST"));
        // the accessors hand out copies
        key.key()[0] = 0;
        assertArrayEquals(KEY, key.key());
    }

    @Test
    void keyUriTemplate() {
        ContentKey key = new ContentKey(KID, KEY, null, null);
        assertEquals("https://keys.example/00112233445566778899aabbccddeeff/my%20job",
                JobProtection.expand("https://keys.example/{kid}/{jobId}", key, "my job"));
    }

    @Test
    void providerFailureAndMissingUriFailTheJobWithoutTheProvidersWords() {
        TranscodeSettings s = TranscodeSettings.DEFAULTS.withSegmenting(new Segmenting(StreamFormat.HLS,
                HlsSegmentType.MPEGTS, 2, "manifest")).withProtection(new Protection(Encryption.AES_128, null));
        StreamGearException e = assertThrows(StreamGearException.class, () -> JobProtection.prepare("j", s,
                r -> {
                    throw new IllegalStateException("secret " + HexFormat.of().formatHex(KEY));
                }));
        assertFalse(e.getMessage().contains(HexFormat.of().formatHex(KEY)), e.getMessage());
        assertTrue(e.getMessage().contains("key provider"), e.getMessage());
        StreamGearException noUri = assertThrows(StreamGearException.class,
                () -> JobProtection.prepare("j", s, r -> new ContentKey(KID, KEY, null, null)));
        assertTrue(noUri.getMessage().contains("keyUri"), noUri.getMessage());
        assertTrue(JobProtection.prepare("j", TranscodeSettings.DEFAULTS, null) == null, "no encryption, no protection");
    }
}
