@NullMarked
package dev.sfsync.activity;

import org.jspecify.annotations.NullMarked;
