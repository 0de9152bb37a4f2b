package dev.sfsync.inbound;

import java.util.function.Function;

import dev.sfsync.salesforce.SalesforceException;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A Salesforce reader whose query may select a field Salesforce no longer has, because
 * the run trusted a cached describe: Salesforce's {@code INVALID_FIELD} is handed to the
 * run, which describes the object afresh and fails with what to do.
 *
 * @param <T> the item type
 */
final class SchemaCheckedReader<T> implements ItemStreamReader<T> {

	static final String INVALID_FIELD = "INVALID_FIELD";

	private final ItemStreamReader<T> delegate;

	private final Function<SalesforceException, RuntimeException> invalidField;

	/**
	 * @param delegate the reader
	 * @param invalidField the failure to end the step with instead of an
	 * {@code INVALID_FIELD} refusal
	 */
	SchemaCheckedReader(ItemStreamReader<T> delegate, Function<SalesforceException, RuntimeException> invalidField) {
		this.delegate = delegate;
		this.invalidField = invalidField;
	}

	@Override
	public void open(ExecutionContext context) {
		this.delegate.open(context);
	}

	@Override
	public @Nullable T read() throws Exception {
		try {
			return this.delegate.read();
		}
		catch (SalesforceException ex) {
			if (ex.errorCode().equals(INVALID_FIELD)) {
				throw this.invalidField.apply(ex);
			}
			throw ex;
		}
	}

	@Override
	public void update(ExecutionContext context) {
		this.delegate.update(context);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
