package dev.sfsync.soql;

import java.util.List;

/**
 * A compiled WHERE condition. Parsing builds the tree once with every literal already
 * converted, so testing a record only reads its values.
 */
interface Matcher {

	Matcher ALWAYS = (record) -> true;

	boolean matches(SoqlRecord record);

	/**
	 * Conditions that must all hold.
	 */
	record And(Matcher[] operands) implements Matcher {

		And(List<Matcher> operands) {
			this(operands.toArray(new Matcher[0]));
		}

		@Override
		public boolean matches(SoqlRecord record) {
			for (Matcher operand : this.operands) {
				if (!operand.matches(record)) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * Conditions of which one must hold.
	 */
	record Or(Matcher[] operands) implements Matcher {

		Or(List<Matcher> operands) {
			this(operands.toArray(new Matcher[0]));
		}

		@Override
		public boolean matches(SoqlRecord record) {
			for (Matcher operand : this.operands) {
				if (operand.matches(record)) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * The negation of a condition.
	 */
	record Not(Matcher operand) implements Matcher {

		@Override
		public boolean matches(SoqlRecord record) {
			return !this.operand.matches(record);
		}

	}

}
