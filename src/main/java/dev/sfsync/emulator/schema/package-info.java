/**
 * The emulator's object metadata: the standard and custom objects it knows, their fields,
 * and the describe JSON rendered from them.
 */
@NullMarked
package dev.sfsync.emulator.schema;

import org.jspecify.annotations.NullMarked;
