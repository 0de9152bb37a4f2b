package dev.sfsync.outcome;

/**
 * An exception that knows which whole-run failure cause it is, for example a Salesforce
 * authentication error. Exceptions that do not implement it fail a run as
 * {@link RunFailureCause#UNKNOWN_ERROR}.
 */
public interface ClassifiedFailure {

	RunFailureCause runFailureCause();

}
