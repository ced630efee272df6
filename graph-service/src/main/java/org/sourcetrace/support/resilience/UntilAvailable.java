package org.sourcetrace.support.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a start-up step that needs the database, waiting for it when it is not there yet (a service started together with
 * its database, or while the database restarts): while the failure is {@link Unavailability unavailability} the step is
 * tried again every {@code interval}, with a line in the log, up to {@code maxWait}; any other failure, or still no
 * database after that, ends the start as before, with the reason.
 */
public final class UntilAvailable {

	private static final Logger log = LoggerFactory.getLogger(UntilAvailable.class);

	private UntilAvailable() {
	}

	public static <T> T run(String what, Duration maxWait, Duration interval, Supplier<T> step) {
		long deadline = System.nanoTime() + maxWait.toNanos();
		int attempt = 1;
		while (true) {
			try {
				return step.get();
			}
			catch (RuntimeException ex) {
				if (!Unavailability.causedBy(ex) || System.nanoTime() + interval.toNanos() > deadline) {
					throw ex;
				}
				log.warn("{}: the database is not available yet (attempt {}, {}); trying again in {} ms, for at most {} s in all", what,
						attempt++, ex.getClass().getSimpleName(), interval.toMillis(), maxWait.toSeconds());
			}
			try {
				Thread.sleep(interval);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(what + ": interrupted while waiting for the database", ex);
			}
		}
	}

}
