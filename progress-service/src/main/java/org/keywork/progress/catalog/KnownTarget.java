package org.keywork.progress.catalog;

import org.keywork.events.TargetKind;

/** A target that reports may name: as published by the service owning its plan item. */
public record KnownTarget(int planYear, String itemId, String targetId, TargetKind kind, String unit) {
}
