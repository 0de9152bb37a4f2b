package dev.sfsync.inbound;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the writer cuts a chunk's JSON rows into statements. */
class AppRecordWriterTests {

	@Test
	void rowsAreCutIntoArraysByCountAndBySize() {
		List<String> rows = List.of("[\"a\"]", "[\"b\"]", "[\"c\"]", "[\"d\"]", "[\"e\"]");
		assertThat(AppRecordWriter.documents(rows, 2, 1000)).containsExactly("[[\"a\"],[\"b\"]]", "[[\"c\"],[\"d\"]]",
				"[[\"e\"]]");
		assertThat(AppRecordWriter.documents(rows, 5000, 12)).as("closed once 12 characters are reached")
			.containsExactly("[[\"a\"],[\"b\"]]", "[[\"c\"],[\"d\"]]", "[[\"e\"]]");
		assertThat(AppRecordWriter.documents(rows, 5000, 1000))
			.containsExactly("[[\"a\"],[\"b\"],[\"c\"],[\"d\"],[\"e\"]]");
		assertThat(AppRecordWriter.documents(List.of(), 5000, 1000)).isEmpty();
	}

}
