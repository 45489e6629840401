package org.keywork.goal.plan.document;

/** Why the parser could not read part of a document; each {@link ImportWarning} carries one. */
public enum WarningCode {
    /** The text is empty or holds only whitespace. */
    EMPTY_DOCUMENT,
    /** Control characters, unpaired surrogates or replacement characters (binary or mis-decoded input). */
    UNREADABLE_CHARACTERS,
    /** No numbered part at all (no section 一、…, no item （一） or 1.): nothing could be read as a plan. */
    NO_SECTIONS,
    /** A section whose items carry no numbers: they were cut into one item per paragraph. */
    UNNUMBERED_ITEMS,
    /** A heading field (issuer, document number, title, plan year, date) is missing. */
    MISSING_HEADER_FIELD,
    /** A section heading whose number does not follow the previous one. */
    UNEXPECTED_SECTION_NUMBER,
    /** An item marker （N）/N. whose number is not the next one expected in its section: kept as text. */
    UNEXPECTED_ITEM_NUMBER,
    /** A section without any item. */
    EMPTY_SECTION,
    /** An item marker with no text after it. */
    EMPTY_ITEM,
    /** Text inside a section before its first item marker. */
    TEXT_OUTSIDE_ITEM,
    /** Text after the printing line (…印发) or otherwise outside every part of the document. */
    UNRECOGNISED_TEXT,
    /** A symbol that is not ★ (e.g. ◆, ☆) inside an item. */
    UNKNOWN_MARK,
    /** A number in a goals item that is neither a target (no unit) nor a known non-target (year, address, …). */
    UNCLASSIFIED_NUMBER,
    /** A construction item in which no milestone (开工, 竣工, 推进 …) was found. */
    NO_MILESTONE,
    /** A date in a construction item that is not a real date. */
    INVALID_DATE,
    /** More warnings than the parser reports; the rest were left off. */
    TOO_MANY_WARNINGS,
    /** The parser itself failed on this text (a bug): what it had read so far is returned. */
    PARSER_FAILURE
}
