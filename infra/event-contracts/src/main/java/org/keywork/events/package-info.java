/**
 * Keywork's integration events: the producer-owned, versioned contracts that services exchange over Kafka.
 * Records only; no behaviour, no framework. Changes are additive; a breaking change is a new version.
 */
package org.keywork.events;
