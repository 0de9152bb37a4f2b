@NullMarked
package dev.sfsync.operations;

import org.jspecify.annotations.NullMarked;
