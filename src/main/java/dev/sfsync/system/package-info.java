@NullMarked
package dev.sfsync.system;

import org.jspecify.annotations.NullMarked;
