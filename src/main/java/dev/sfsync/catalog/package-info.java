@NullMarked
package dev.sfsync.catalog;

import org.jspecify.annotations.NullMarked;
