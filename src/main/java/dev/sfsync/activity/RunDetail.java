package dev.sfsync.activity;

import java.util.List;

/** A run with its steps, in the order they ran. */
record RunDetail(RunView run, List<StepView> steps) {

}
