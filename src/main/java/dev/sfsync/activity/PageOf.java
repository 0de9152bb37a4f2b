package dev.sfsync.activity;

import java.util.List;

/** A page of a list and how many items the whole list has. */
record PageOf<T>(List<T> items, int page, int size, long total) {

}
