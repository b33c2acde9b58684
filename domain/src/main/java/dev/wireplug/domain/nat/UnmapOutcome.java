package dev.wireplug.domain.nat;

/** What deleting a mapping gave. */
public enum UnmapOutcome {
    DELETED,
    /** The gateway no longer had it (PCP NO_RESOURCES from miniupnpd, UPnP 714): as good as deleted. */
    ALREADY_GONE,
    /** No answer or an error: the mapping may linger until its lease runs out. */
    FAILED
}
