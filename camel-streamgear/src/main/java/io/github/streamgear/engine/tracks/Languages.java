package io.github.streamgear.engine.tracks;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Language tags as containers write them (ISO 639-2 {@code fra} or {@code fre}, ISO 639-1 {@code fr}) turned into the
 * RFC 5646 tags manifests carry ({@code fr}: the shortest ISO 639 code, as BCP 47 requires) and into a name a viewer
 * reads in a track menu, in the language itself ({@code Français}).
 */
public final class Languages {

    private static final Map<String, String> BY_ISO3 = new HashMap<>();

    /** ISO 639-2 bibliographic codes (used by Matroska and older MP4s) differ from the terminology ones Java knows. */
    private static final Map<String, String> BIBLIOGRAPHIC = Map.ofEntries(Map.entry("alb", "sqi"), Map.entry("arm", "hye"),
            Map.entry("baq", "eus"), Map.entry("bur", "mya"), Map.entry("chi", "zho"), Map.entry("cze", "ces"),
            Map.entry("dut", "nld"), Map.entry("fre", "fra"), Map.entry("geo", "kat"), Map.entry("ger", "deu"),
            Map.entry("gre", "ell"), Map.entry("ice", "isl"), Map.entry("mac", "mkd"), Map.entry("mao", "mri"),
            Map.entry("may", "msa"), Map.entry("per", "fas"), Map.entry("rum", "ron"), Map.entry("slo", "slk"),
            Map.entry("tib", "bod"), Map.entry("wel", "cym"));

    static {
        for (String two : Locale.getISOLanguages()) {
            try {
                BY_ISO3.put(Locale.forLanguageTag(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException ignored) {
                // no three-letter code: not reachable from a container tag
            }
        }
    }

    private Languages() {
    }

    /**
     * The RFC 5646 tag for a container's language tag: {@code eng}, {@code en} and {@code en-US} give {@code en},
     * {@code en-US}; a code Java does not know is kept, lower-cased. Null for null.
     */
    public static String tag(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String[] parts = language.trim().replace('_', '-').split("-", 2);
        String primary = parts[0].toLowerCase(Locale.ROOT);
        if (primary.length() == 3) {
            primary = BY_ISO3.getOrDefault(BIBLIOGRAPHIC.getOrDefault(primary, primary), primary);
        }
        return parts.length > 1 ? primary + "-" + parts[1] : primary;
    }

    /** Whether a selector such as {@code fra}, {@code fre} or {@code fr} names the language of {@code language}. */
    public static boolean same(String selector, String language) {
        String a = tag(selector);
        String b = tag(language);
        if (a == null || b == null) {
            return false;
        }
        return a.equals(b) || b.startsWith(a + "-");
    }

    /** The language's name in itself, capitalised ({@code English}, {@code Français}, {@code Deutsch}); the tag if unknown. */
    public static String nativeName(String language) {
        String tag = tag(language);
        if (tag == null) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(tag);
        String name = locale.getDisplayLanguage(locale);
        if (name.isEmpty() || name.equalsIgnoreCase(locale.getLanguage())) {
            return tag;
        }
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
