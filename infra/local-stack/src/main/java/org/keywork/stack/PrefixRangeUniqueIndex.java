package org.keywork.stack;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A unique index in an MVStore map whose keys are ordered by value ({@link IndexKeyType}), answering an anchored
 * regular expression with a literal prefix ({@code ^2021/5.6/}, as stores write prefix queries) by walking only the keys
 * that start with it, as MongoDB ranges its index for such a query.
 *
 * <p>mongo-java-server's unique index answers every regular expression by matching it against each key of the index:
 * an item's history, a department's reports of a year or a plan year's catalogue read as many keys as the collection
 * holds documents, so every such query got slower with each report stored. Here the keys from the prefix on are read
 * until the first that does not start with it; the whole expression is still matched against each of those, so the
 * answer is the same. Any other query (an exact value, {@code $in}, an expression without a literal prefix or with
 * options) is answered as before.
 */
final class PrefixRangeUniqueIndex extends AbstractUniqueIndex<Object> {

    private static final String METACHARACTERS = "\\^$.|?*+()[]{}";

    private final MVMap<KeyValue, Object> keys;
    private final LongConsumer keysRead;

    PrefixRangeUniqueIndex(MVMap<KeyValue, Object> keys, String name, List<IndexKey> indexKeys, boolean sparse,
            LongConsumer keysRead) {
        super(name, indexKeys, sparse);
        this.keys = keys;
        this.keysRead = keysRead;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (isCompoundIndex() || query.size() != 1) {
            return super.getPositions(query);
        }
        Object condition = query.get(keys().get(0));
        Iterable<Object> walk = orderedPositions(condition, false);
        if (walk == null) {
            return super.getPositions(query);
        }
        List<Object> positions = new ArrayList<>();
        walk.forEach(positions::add);
        return positions;
    }

    /**
     * The positions of the keys an anchored expression with a literal prefix can match, in key order or reversed, read
     * as they are taken: a query sorted by this index's field with a limit reads the keys it returns (and those its
     * other conditions leave out), not the whole range, as MongoDB walks an index for such a sort. Null when
     * {@code condition} is not such an expression.
     */
    Iterable<Object> orderedPositions(Object condition, boolean descending) {
        if (isCompoundIndex() || !BsonRegularExpression.isRegularExpression(condition)) {
            return null;
        }
        BsonRegularExpression regex = BsonRegularExpression.convertToRegularExpression(condition);
        String prefix = literalPrefix(regex);
        if (prefix == null) {
            return null;
        }
        boolean wholePattern = ("^" + quote(prefix)).equals(regex.getPattern());
        return () -> new Iterator<>() {
            private final Cursor<KeyValue, Object> cursor = descending
                    ? keys.cursor(upperBound(prefix), null, true)
                    : keys.cursor(new KeyValue(prefix));
            private Object next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done && cursor.hasNext()) {
                    KeyValue key = cursor.next();
                    keysRead.accept(1);
                    String text = key.get(0) instanceof String string ? string : null;
                    if (text == null || !text.startsWith(prefix)) {
                        // reversed, the walk starts at or below the first key after the range
                        done = !descending || text == null || text.compareTo(prefix) < 0;
                    } else if (wholePattern || matches(regex, text)) {
                        next = cursor.getValue();
                    }
                }
                return next != null;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object position = next;
                next = null;
                return position;
            }
        };
    }

    /**
     * Where a reversed walk of the keys starting with {@code prefix} begins: the greatest key not after the first string
     * past all of them ({@code "5.6/"} → {@code "5.60"}), the last key when there is no such string.
     */
    private KeyValue upperBound(String prefix) {
        String past = prefix;
        while (!past.isEmpty() && past.charAt(past.length() - 1) == Character.MAX_VALUE) {
            past = past.substring(0, past.length() - 1);
        }
        if (past.isEmpty()) {
            return keys.lastKey();
        }
        KeyValue bound = new KeyValue(past.substring(0, past.length() - 1) + (char) (past.charAt(past.length() - 1) + 1));
        KeyValue floor = keys.floorKey(bound);
        return floor != null ? floor : bound;
    }

    private static boolean matches(BsonRegularExpression regex, String text) {
        Matcher matcher = regex.matcher(text);
        return matcher.find();
    }

    /**
     * The literal text an expression's matches must start with: what follows its leading {@code ^} up to the first
     * character with a meaning of its own (an escaped metacharacter stands for itself). Null when the expression is not
     * anchored, has options (case-insensitive or multi-line change what {@code ^} and letters match), or its literal
     * start could be made optional by a quantifier after it ({@code ^ab?}); {@code ""} is a prefix (every key).
     */
    static String literalPrefix(BsonRegularExpression regex) {
        String options = regex.getOptions();
        String pattern = regex.getPattern();
        if ((options != null && !options.isEmpty()) || !pattern.startsWith("^")) {
            return null;
        }
        StringBuilder prefix = new StringBuilder();
        int i = 1;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length() || METACHARACTERS.indexOf(pattern.charAt(i + 1)) < 0) {
                    break; // \d, \s, \Q…: a class or quoting, not a literal
                }
                c = pattern.charAt(i + 1);
                i += 2;
            } else if (METACHARACTERS.indexOf(c) >= 0) {
                break;
            } else {
                i++;
            }
            if (i < pattern.length() && "?*{".indexOf(pattern.charAt(i)) >= 0) {
                break; // this character may be absent or repeated: the prefix ends before it
            }
            prefix.append(c);
        }
        if (hasTopLevelAlternative(pattern)) {
            return null; // ^ab|cd: the second alternative is not anchored, nor does it start with the prefix
        }
        return prefix.toString();
    }

    /** Whether {@code pattern} has a {@code |} outside every group and character class. */
    private static boolean hasTopLevelAlternative(String pattern) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (METACHARACTERS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return keys.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return keys.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return keys.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return keys.get(key);
    }

    @Override
    public long getCount() {
        return keys.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
