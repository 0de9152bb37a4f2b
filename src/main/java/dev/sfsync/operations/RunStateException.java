package dev.sfsync.operations;

/**
 * An operator action that the run's status does not allow, such as restarting a completed
 * run.
 */
public class RunStateException extends RuntimeException {

	public RunStateException(String message) {
		super(message);
	}

}
