package dev.sfsync.inbound;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A Salesforce reader made when its step opens, when the run decides which fields to
 * read, and that leaves out the items there is nothing to do about.
 *
 * @param <T> the item type
 */
final class DeferredReader<T> implements ItemStreamReader<T> {

	private final Supplier<ItemStreamReader<T>> factory;

	private final Predicate<T> relevant;

	private @Nullable ItemStreamReader<T> delegate;

	DeferredReader(Supplier<ItemStreamReader<T>> factory, Predicate<T> relevant) {
		this.factory = factory;
		this.relevant = relevant;
	}

	@Override
	public void open(ExecutionContext context) {
		this.delegate = this.factory.get();
		this.delegate.open(context);
	}

	@Override
	public @Nullable T read() throws Exception {
		ItemStreamReader<T> reader = delegate();
		for (T item = reader.read(); item != null; item = reader.read()) {
			if (this.relevant.test(item)) {
				return item;
			}
		}
		return null;
	}

	@Override
	public void update(ExecutionContext context) {
		delegate().update(context);
	}

	@Override
	public void close() {
		if (this.delegate != null) {
			this.delegate.close();
		}
	}

	private ItemStreamReader<T> delegate() {
		if (this.delegate == null) {
			throw new IllegalStateException("The reader was used before its step opened it");
		}
		return this.delegate;
	}

}
