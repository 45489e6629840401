package org.keywork.goal.plan.document;

import java.util.List;

/**
 * The layout a document was read with, for the person importing it to check at a glance: how its sections, its
 * sub-headings and its items are numbered.
 *
 * @param sectionMarker the sections' numbering as the first one looks (一、, 第一部分, （一）), or {@code null} for a
 *                      list without sections (read as section 1)
 * @param groupMarkers  the numbering of sub-headings between sections and items, e.g. [（一）], else empty
 * @param itemMarker    the items' numbering (（一）, 1., （1）), or {@code null} when items are paragraphs
 * @param numbering     {@code PER_SECTION} when item numbers restart in each section, {@code CONTINUOUS} when they
 *                      run on across sections
 */
public record ParsedLayout(String sectionMarker, List<String> groupMarkers, String itemMarker, String numbering) {

    public static final String PER_SECTION = "PER_SECTION";
    public static final String CONTINUOUS = "CONTINUOUS";

    public ParsedLayout {
        groupMarkers = groupMarkers == null ? List.of() : List.copyOf(groupMarkers);
    }

    static ParsedLayout of(Outline.Layout layout) {
        return new ParsedLayout(layout.sections() == null ? null : layout.sections().example(),
                layout.groups().stream().map(MarkerStyle::example).toList(),
                layout.items() == null ? null : layout.items().example(),
                layout.continuous() ? CONTINUOUS : PER_SECTION);
    }

    static ParsedLayout none() {
        return new ParsedLayout(null, List.of(), null, PER_SECTION);
    }
}
