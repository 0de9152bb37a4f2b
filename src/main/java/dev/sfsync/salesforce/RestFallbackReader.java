package dev.sfsync.salesforce;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads one keyset REST reader after another, for an object Bulk API 2.0 cannot query:
 * live records, then deleted ones when the Bulk job would have been {@code queryAll}.
 * Each part keeps its own saved state, and the part being read is saved too, so a restart
 * never queries a finished part again.
 *
 * @param <T> the item type
 */
final class RestFallbackReader<T> implements ItemStreamReader<T> {

	private final String name;

	private final List<SalesforceQueryReader<T>> parts;

	private int current;

	RestFallbackReader(String name, List<SalesforceQueryReader<T>> parts) {
		this.name = name;
		this.parts = List.copyOf(parts);
	}

	@Override
	public void open(ExecutionContext context) {
		this.current = context.getInt(this.name + ".part", 0);
		this.parts.forEach((part) -> part.open(context));
	}

	@Override
	public @Nullable T read() {
		while (this.current < this.parts.size()) {
			T item = this.parts.get(this.current).read();
			if (item != null) {
				return item;
			}
			this.current++;
		}
		return null;
	}

	@Override
	public void update(ExecutionContext context) {
		this.parts.forEach((part) -> part.update(context));
		context.putInt(this.name + ".part", this.current);
	}

	@Override
	public void close() {
		this.parts.forEach(SalesforceQueryReader::close);
	}

	/** The REST query calls made, all parts together. */
	int calls() {
		return this.parts.stream().mapToInt(SalesforceQueryReader::calls).sum();
	}

}
