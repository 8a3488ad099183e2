package im.parley.modules.search;

import java.util.Map;

/** A listed user found by a search, with the value of each field (absent when the vCard has none). */
record DirectoryEntry(String username, Map<SearchField, String> values) {
    DirectoryEntry {
        values = Map.copyOf(values);
    }
}
