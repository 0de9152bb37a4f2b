/**
 * The record outcome catalog and the whole-run failure causes users see.
 */
@NullMarked
package dev.sfsync.outcome;

import org.jspecify.annotations.NullMarked;
