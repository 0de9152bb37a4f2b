package dev.sfsync.soql;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.sfsync.soql.Comparisons.ValueComparison;
import dev.sfsync.soql.SyntaxTree.And;
import dev.sfsync.soql.SyntaxTree.BooleanLiteral;
import dev.sfsync.soql.SyntaxTree.Comparison;
import dev.sfsync.soql.SyntaxTree.Condition;
import dev.sfsync.soql.SyntaxTree.DateLiteral;
import dev.sfsync.soql.SyntaxTree.DateTimeLiteral;
import dev.sfsync.soql.SyntaxTree.FieldRef;
import dev.sfsync.soql.SyntaxTree.In;
import dev.sfsync.soql.SyntaxTree.Literal;
import dev.sfsync.soql.SyntaxTree.Name;
import dev.sfsync.soql.SyntaxTree.Not;
import dev.sfsync.soql.SyntaxTree.NullLiteral;
import dev.sfsync.soql.SyntaxTree.NumberLiteral;
import dev.sfsync.soql.SyntaxTree.Operator;
import dev.sfsync.soql.SyntaxTree.Or;
import dev.sfsync.soql.SyntaxTree.OrderItem;
import dev.sfsync.soql.SyntaxTree.RelativeDateLiteral;
import dev.sfsync.soql.SyntaxTree.Select;
import dev.sfsync.soql.SyntaxTree.StringLiteral;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a {@link SyntaxTree} against a schema: names become canonical fields and
 * relationships, literals are checked against their field's type and converted, and the
 * WHERE clause is compiled into {@link Matcher}s.
 */
final class QueryResolver {

	private static final int MAX_OFFSET = 2000;

	private final String soql;

	private final SoqlSchema schema;

	private final LocalDate today;

	QueryResolver(String soql, SoqlSchema schema, Clock clock) {
		this.soql = soql;
		this.schema = schema;
		this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	SoqlQuery resolve(Select select) {
		Name objectName = select.object();
		SoqlObject object = this.schema.object(objectName.text())
			.orElseThrow(() -> QueryErrors.located(SoqlException.INVALID_TYPE, this.soql, objectName.position(),
					"sObject type '" + objectName.text() + "' is not supported. If you are attempting to use a "
							+ "custom object, be sure to append the '__c' after the entity name. Please reference "
							+ "your WSDL or the describe call for the appropriate names."));
		List<SoqlFieldPath> fields = new ArrayList<>();
		for (FieldRef ref : select.fields()) {
			SoqlFieldPath path = path(object, ref);
			for (SoqlFieldPath selected : fields) {
				if (selected.path().equalsIgnoreCase(path.path())) {
					throw new SoqlException(SoqlException.INVALID_FIELD, "duplicate field selected: " + path.path());
				}
			}
			fields.add(path);
		}
		Matcher where = (select.where() != null) ? compile(object, select.where()) : Matcher.ALWAYS;
		@Nullable Ordering ordering = null;
		if (!select.orderBy().isEmpty()) {
			List<Ordering.Item> items = new ArrayList<>();
			for (OrderItem item : select.orderBy()) {
				SoqlFieldPath path = path(object, item.field());
				items.add(new Ordering.Item(path, ValueKind.of(path.type()), item.descending(), item.nullsFirst()));
			}
			ordering = new Ordering(items);
		}
		int offset = (select.offset() != null) ? select.offset() : 0;
		if (offset > MAX_OFFSET) {
			throw new SoqlException(SoqlException.NUMBER_OUTSIDE_VALID_RANGE,
					"Maximum SOQL offset allowed is " + MAX_OFFSET);
		}
		return new SoqlQuery(this.soql, object, select.count(), fields, where, ordering, select.limit(), offset);
	}

	private SoqlFieldPath path(SoqlObject object, FieldRef ref) {
		List<Name> parts = ref.parts();
		List<SoqlRelationship> relationships = new ArrayList<>();
		SoqlObject current = object;
		for (Name part : parts.subList(0, parts.size() - 1)) {
			SoqlRelationship relationship = current.relationship(part.text())
				.orElseThrow(() -> QueryErrors.located(SoqlException.INVALID_FIELD, this.soql, ref.position(),
						"Didn't understand relationship '" + part.text() + "' in field path. If you are attempting "
								+ "to use a custom relationship, be sure to append the '__r' after the custom "
								+ "relationship name. Please reference your WSDL or the describe call for the "
								+ "appropriate names."));
			relationships.add(relationship);
			current = relationship.target();
		}
		Name fieldName = parts.get(parts.size() - 1);
		String entity = current.name();
		SoqlField field = current.field(fieldName.text())
			.orElseThrow(() -> QueryErrors.located(SoqlException.INVALID_FIELD, this.soql, ref.position(),
					"No such column '" + fieldName.text() + "' on entity '" + entity + "'. If you are attempting "
							+ "to use a custom field, be sure to append the '__c' after the custom field name. "
							+ "Please reference your WSDL or the describe call for the appropriate names."));
		return new SoqlFieldPath(ref.spelling(), relationships, field);
	}

	private Matcher compile(SoqlObject object, Condition condition) {
		if (condition instanceof And and) {
			return new Matcher.And(compileAll(object, and.operands()));
		}
		if (condition instanceof Or or) {
			return new Matcher.Or(compileAll(object, or.operands()));
		}
		if (condition instanceof Not not) {
			return new Matcher.Not(compile(object, not.operand()));
		}
		if (condition instanceof In in) {
			return in(object, in);
		}
		return comparison(object, (Comparison) condition);
	}

	private List<Matcher> compileAll(SoqlObject object, List<Condition> conditions) {
		List<Matcher> matchers = new ArrayList<>(conditions.size());
		for (Condition condition : conditions) {
			matchers.add(compile(object, condition));
		}
		return matchers;
	}

	private Matcher comparison(SoqlObject object, Comparison comparison) {
		SoqlFieldPath path = path(object, comparison.field());
		ValueKind kind = ValueKind.of(path.type());
		Operator operator = comparison.operator();
		if (operator == Operator.LIKE && !kind.quoted()) {
			throw QueryErrors.malformed(this.soql, comparison.operatorPosition(),
					"invalid operator on " + ValueKind.typeName(path.type()) + " field");
		}
		Literal literal = comparison.value();
		checkType(path, kind, literal);
		if (literal instanceof NullLiteral) {
			return new Comparisons.NullComparison(path, operator);
		}
		if (operator == Operator.LIKE) {
			return new Comparisons.Like(path,
					LikePattern.compile(StringLiterals.body(((StringLiteral) literal).token())));
		}
		return value(path, operator, kind, literal);
	}

	private Matcher in(SoqlObject object, In in) {
		SoqlFieldPath path = path(object, in.field());
		ValueKind kind = ValueKind.of(path.type());
		List<ValueComparison> values = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		boolean matchesNull = false;
		for (Literal literal : in.values()) {
			checkType(path, kind, literal);
			if (literal instanceof NullLiteral) {
				matchesNull = true;
				continue;
			}
			values.add(value(path, Operator.EQ, kind, literal));
			if (literal instanceof StringLiteral string) {
				texts.add(string.value());
			}
		}
		if (matchesNull && values.isEmpty()) {
			// Only nulls listed: a set lookup is pointless, plain null equality says it
			// all.
			Matcher isNull = new Comparisons.NullComparison(path, Operator.EQ);
			return in.negated() ? new Matcher.Not(isNull) : isNull;
		}
		return new Comparisons.In(path, kind, values, texts, matchesNull, in.negated());
	}

	private ValueComparison value(SoqlFieldPath path, Operator operator, ValueKind kind, Literal literal) {
		if (literal instanceof RelativeDateLiteral relative) {
			return new Comparisons.Range(path, operator, relative.date().range(this.today, relative.n()),
					kind == ValueKind.DATETIME);
		}
		return switch (kind) {
			case TEXT -> new Comparisons.Text(path, operator, ((StringLiteral) literal).value());
			case ID -> new Comparisons.Id(path, operator, ((StringLiteral) literal).value());
			case NUMBER -> new Comparisons.Numeric(path, operator, ((NumberLiteral) literal).value());
			case BOOLEAN -> new Comparisons.Bool(path, operator, ((BooleanLiteral) literal).value());
			case DATE -> new Comparisons.Day(path, operator, ((DateLiteral) literal).value());
			case DATETIME -> new Comparisons.Moment(path, operator, ((DateTimeLiteral) literal).value());
		};
	}

	/**
	 * Refuses a literal of the wrong type, for example a dateTime against a date field or
	 * a string against a boolean, with Salesforce's message.
	 */
	private void checkType(SoqlFieldPath path, ValueKind kind, Literal literal) {
		boolean fits = switch (kind) {
			case TEXT, ID -> literal instanceof StringLiteral;
			case NUMBER -> literal instanceof NumberLiteral;
			case BOOLEAN -> literal instanceof BooleanLiteral;
			case DATE -> literal instanceof DateLiteral || literal instanceof RelativeDateLiteral;
			case DATETIME -> literal instanceof DateTimeLiteral || literal instanceof RelativeDateLiteral;
		};
		if (!fits && !(literal instanceof NullLiteral)) {
			throw QueryErrors.malformed(this.soql, literal.position(),
					"value of filter criterion for field '" + path.path() + "' must be of type "
							+ ValueKind.typeName(path.type()) + " and should " + (kind.quoted() ? "" : "not ")
							+ "be enclosed in quotes");
		}
	}

}
