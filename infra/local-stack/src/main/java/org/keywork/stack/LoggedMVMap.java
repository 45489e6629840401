package org.keywork.stack;

import java.util.Map;

import org.h2.mvstore.CursorPos;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.DataType;

/**
 * An {@link MVMap} that records every change it makes in the {@link WriteAheadLog}, in the order it makes them.
 *
 * <p>Every write of an {@link MVMap} goes through {@link #operate}; this one tells the {@link CommandGate} first (the
 * command becomes a writer), then runs the write and its recording under the map's monitor, so two writers of the
 * same key are recorded in the order they were applied (the H2 backend already serializes writes per collection and
 * per index, so the monitor is not contended in practice). What was decided (put which value, remove, or nothing) is
 * read off the {@link DecisionMaker} as the map consults it.
 *
 * <p>The map is stored exactly like a plain {@link MVMap} (same metadata, no type of its own), so the file stays
 * readable without this class.
 */
final class LoggedMVMap<K, V> extends MVMap<K, V> {

    private final WriteAheadLog log;
    private final CommandGate gate;

    private LoggedMVMap(Map<String, Object> config, DataType<K> keyType, DataType<V> valueType, WriteAheadLog log,
            CommandGate gate) {
        super(config, keyType, valueType);
        this.log = log;
        this.gate = gate;
    }

    @Override
    public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
        gate.beforeChange();
        if (!log.isRecording()) {
            return super.operate(key, value, decisionMaker); // replay, or maintenance while no command may change
        }
        synchronized (this) {
            Recorder<V> recorder = new Recorder<>(decisionMaker);
            V previous = super.operate(key, value, recorder);
            if (recorder.decision == Decision.PUT) {
                log.put(getId(), getKeyType(), key, getValueType(), recorder.selected);
            } else if (recorder.decision == Decision.REMOVE && previous != null) {
                log.remove(getId(), getKeyType(), key);
            }
            return previous;
        }
    }

    /** Opens maps as {@link LoggedMVMap}s recording in {@code log}. */
    static final class Builder<K, V> extends MVMap.BasicBuilder<LoggedMVMap<K, V>, K, V> {

        private final WriteAheadLog log;
        private final CommandGate gate;

        Builder(WriteAheadLog log, CommandGate gate) {
            this.log = log;
            this.gate = gate;
        }

        @Override
        protected LoggedMVMap<K, V> create(Map<String, Object> config) {
            if (config.get("type") != null) {
                throw new IllegalArgumentException("not a plain map: " + config.get("type"));
            }
            return new LoggedMVMap<>(config, getKeyType(), getValueType(), log, gate);
        }
    }

    /** Passes every call on to the map's decision maker, remembering the last decision and the value chosen. */
    private static final class Recorder<V> extends DecisionMaker<V> {

        private final DecisionMaker<? super V> delegate;
        private Decision decision;
        private V selected;

        Recorder(DecisionMaker<? super V> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Decision decide(V existingValue, V providedValue, CursorPos<?, ?> tip) {
            decision = delegate.decide(existingValue, providedValue, tip);
            return decision;
        }

        @Override
        public Decision decide(V existingValue, V providedValue) {
            decision = delegate.decide(existingValue, providedValue);
            return decision;
        }

        @Override
        public <T extends V> T selectValue(T existingValue, T providedValue) {
            T value = delegate.selectValue(existingValue, providedValue);
            selected = value;
            return value;
        }

        @Override
        public void reset() {
            delegate.reset();
            decision = null;
            selected = null;
        }
    }
}
