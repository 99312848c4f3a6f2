package ml.pipeline.core.source;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a source has seen: the objects it read (by {@link ListedObject#marker()}) and the content
 * hashes of what it published or refused. An object is read when it was not read before as it is
 * now (a new key, or a key rewritten); its bytes start a run only when their hash was never seen,
 * so the same bytes under another key, or a table that did not change, start nothing.
 */
public record SourceLedger(Set<String> readObjects, Set<String> seenHashes) {
    public SourceLedger {
        readObjects = Set.copyOf(readObjects);
        seenHashes = Set.copyOf(seenHashes);
    }

    /** The listed objects to read this poll, oldest key first: not folders, not read before as they are. */
    public List<ListedObject> toRead(List<ListedObject> listing) {
        return listing.stream().filter(o -> !o.isFolder()).filter(o -> !readObjects.contains(o.marker()))
                .sorted(Comparator.comparing(ListedObject::key)).toList();
    }

    /** Whether bytes of this sha256 would be new to the source. */
    public boolean isNew(String sha256) {
        return !seenHashes.contains(sha256);
    }
}
