package dev.sfsync.soql;

import org.junit.jupiter.api.Test;

import static dev.sfsync.soql.SoqlFixtures.parse;
import static dev.sfsync.soql.SoqlFixtures.parseError;
import static org.assertj.core.api.Assertions.assertThat;

class SoqlParserTests {

	private static final String NO_SUCH_COLUMN_ADVICE = "If you are attempting to use a custom field, be sure to "
			+ "append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
			+ "the appropriate names.";

	@Test
	void resolvesNamesToTheSchemasSpellingWhateverTheQueryUses() {
		// given
		String soql = "select id, LASTNAME, account.name from contact";

		// when
		SoqlQuery query = parse(soql);

		// then
		assertThat(query.object().name()).isEqualTo("Contact");
		assertThat(query.fields()).extracting(SoqlFieldPath::path).containsExactly("Id", "LastName", "Account.Name");
		assertThat(query.fields()).extracting(SoqlFieldPath::spelling)
			.containsExactly("id", "LASTNAME", "account.name");
		assertThat(query.fields()).extracting(SoqlFieldPath::type)
			.containsExactly(SoqlType.ID, SoqlType.STRING, SoqlType.STRING);
		assertThat(query.isCount()).isFalse();
	}

	@Test
	void followsParentRelationshipsSeveralLevelsDeep() {
		// when
		SoqlQuery query = parse("SELECT Account.Owner.Email FROM Contact");

		// then
		SoqlFieldPath path = query.fields().get(0);
		assertThat(path.path()).isEqualTo("Account.Owner.Email");
		assertThat(path.relationships()).extracting(SoqlRelationship::name).containsExactly("Account", "Owner");
		assertThat(path.relationships().get(1).target().name()).isEqualTo("User");
		assertThat(path.field().name()).isEqualTo("Email");
		assertThat(path.type()).isEqualTo(SoqlType.EMAIL);
	}

	@Test
	void parsesACountQueryWithoutFields() {
		// when
		SoqlQuery query = parse("SELECT COUNT() FROM Contact WHERE LastName = 'Smith'");

		// then
		assertThat(query.isCount()).isTrue();
		assertThat(query.fields()).isEmpty();
	}

	@Test
	void readsLimitAndOffsetAndDefaultsToNoLimitAndOffsetZero() {
		// when
		SoqlQuery paged = parse("SELECT Id FROM Contact ORDER BY LastName LIMIT 10 OFFSET 20");
		SoqlQuery plain = parse("SELECT Id FROM Contact");

		// then
		assertThat(paged.limit()).hasValue(10);
		assertThat(paged.offset()).isEqualTo(20);
		assertThat(paged.isOrdered()).isTrue();
		assertThat(plain.limit()).isEmpty();
		assertThat(plain.offset()).isZero();
		assertThat(plain.isOrdered()).isFalse();
	}

	@Test
	void treatsKeywordsCaseInsensitively() {
		// when
		SoqlQuery query = parse("select Id from Contact where not lastname like 'a%' and email != null "
				+ "order by LastName desc nulls last, firstname asc nulls first limit 5 offset 1");

		// then
		assertThat(query.limit()).hasValue(5);
		assertThat(query.offset()).isEqualTo(1);
	}

	@Test
	void acceptsAnOffsetOfExactlyTwoThousand() {
		assertThat(parse("SELECT Id FROM Contact OFFSET 2000").offset()).isEqualTo(2000);
	}

	@Test
	void rejectsOffsetAboveTwoThousandAsNumberOutsideValidRange() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact OFFSET 2001");

		// then
		assertThat(error.errorCode()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
		assertThat(error.getMessage()).isEqualTo("Maximum SOQL offset allowed is 2000");
	}

	@Test
	void reportsAQueryEndingAfterWhereAsUnexpectedEndWithRowAndColumn() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id FROM Contact WHERE\n" + " ".repeat(28)
				+ "^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'");
	}

	@Test
	void putsTheEndOfQueryCaretAfterTheLastTokenNotAfterTrailingWhitespace() {
		assertThat(parseError("SELECT Id FROM Contact WHERE   \n").getMessage())
			.isEqualTo("\nSELECT Id FROM Contact WHERE   \n" + " ".repeat(28)
					+ "^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'");
	}

	@Test
	void rejectsAQueryWithoutFrom() {
		// when
		SoqlException error = parseError("SELECT Id, Name Contact");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id, Name Contact\n" + " ".repeat(16)
				+ "^\nERROR at Row:1:Column:17\nunexpected token: 'Contact'");
	}

	@Test
	void rejectsASelectWithoutFields() {
		assertThat(parseError("SELECT FROM Contact").getMessage()).isEqualTo(
				"\nSELECT FROM Contact\n" + " ".repeat(7) + "^\nERROR at Row:1:Column:8\nunexpected token: 'FROM'");
	}

	@Test
	void rejectsADanglingAnd() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE LastName = 'x' AND");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id FROM Contact WHERE LastName = 'x' AND\n" + " ".repeat(47)
				+ "^\nERROR at Row:1:Column:48\nunexpected token: '<EOF>'");
	}

	@Test
	void rejectsAnUnclosedParenthesis() {
		assertThat(parseError("SELECT Id FROM Contact WHERE (LastName = 'x' OR LastName = 'y' LIMIT 1").getMessage())
			.endsWith("ERROR at Row:1:Column:64\nunexpected token: 'LIMIT'");
	}

	@Test
	void rejectsAnUnterminatedStringAtItsOpeningQuote() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE LastName = 'Smith");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id FROM Contact WHERE LastName = 'Smith\n" + " ".repeat(40)
				+ "^\nERROR at Row:1:Column:41\nunexpected token: ''Smith'");
	}

	@Test
	void rejectsAnIllegalEscapeInAString() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE LastName = 'a\\x' LIMIT 1");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).endsWith("ERROR at Row:1:Column:41\n"
				+ "Invalid string literal 'a\\x'. Illegal character sequence '\\x' in string literal.");
	}

	@Test
	void rejectsADateLiteralThatIsNoDate() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE Birthdate = 2024-02-30");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id FROM Contact WHERE Birthdate = 2024-02-30\n"
				+ " ".repeat(41) + "^\nERROR at Row:1:Column:42\nunexpected token: '2024-02-30'");
	}

	@Test
	void rejectsADateTimeLiteralWithoutAZone() {
		assertThat(parseError("SELECT Id FROM Contact WHERE CreatedDate > 2024-05-01T10:00:00").getMessage())
			.endsWith("ERROR at Row:1:Column:44\nunexpected token: '2024-05-01T10:00:00'");
	}

	@Test
	void rejectsAnUnknownFieldWithItsRowAndColumn() {
		// when
		SoqlException error = parseError("SELECT Id, SF_date__c FROM Lead");

		// then
		assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id, SF_date__c FROM Lead\n" + " ".repeat(11)
				+ "^\nERROR at Row:1:Column:12\nNo such column 'SF_date__c' on entity 'Lead'. "
				+ NO_SUCH_COLUMN_ADVICE);
	}

	@Test
	void countsRowsAndColumnsOfAMultiLineQueryAndShowsTheOffendingLine() {
		// when
		SoqlException error = parseError("SELECT Id\nFROM Contact\nWHERE\tLastName = 'x' AND Nickname = 'y'");

		// then
		assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
		assertThat(error.getMessage()).isEqualTo("\nWHERE\tLastName = 'x' AND Nickname = 'y'\n" + "     \t"
				+ " ".repeat(19) + "^\nERROR at Row:3:Column:26\nNo such column 'Nickname' on entity 'Contact'. "
				+ NO_SUCH_COLUMN_ADVICE);
	}

	@Test
	void rejectsAnUnknownObjectAsInvalidType() {
		// when
		SoqlException error = parseError("SELECT Id FROM Foo__c");

		// then
		assertThat(error.errorCode()).isEqualTo("INVALID_TYPE");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id FROM Foo__c\n" + " ".repeat(15)
				+ "^\nERROR at Row:1:Column:16\nsObject type 'Foo__c' is not supported. If you are attempting to "
				+ "use a custom object, be sure to append the '__c' after the entity name. Please reference your "
				+ "WSDL or the describe call for the appropriate names.");
	}

	@Test
	void rejectsAnUnknownRelationshipInAFieldPath() {
		// when
		SoqlException error = parseError("SELECT Id, Acount.Name FROM Contact");

		// then
		assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id, Acount.Name FROM Contact\n" + " ".repeat(11)
				+ "^\nERROR at Row:1:Column:12\nDidn't understand relationship 'Acount' in field path. If you are "
				+ "attempting to use a custom relationship, be sure to append the '__r' after the custom "
				+ "relationship name. Please reference your WSDL or the describe call for the appropriate names.");
	}

	@Test
	void rejectsAnUnknownFieldBehindARelationshipNamingTheParentEntity() {
		assertThat(parseError("SELECT Id FROM Contact ORDER BY Account.Rating").getMessage()).endsWith(
				"ERROR at Row:1:Column:33\nNo such column 'Rating' on entity 'Account'. " + NO_SUCH_COLUMN_ADVICE);
	}

	@Test
	void rejectsADateTimeLiteralAgainstADateField() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE Birthdate > 2024-05-01T10:00:00Z");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).isEqualTo("\nSELECT Id FROM Contact WHERE Birthdate > 2024-05-01T10:00:00Z\n"
				+ " ".repeat(41) + "^\nERROR at Row:1:Column:42\nvalue of filter criterion for field 'Birthdate' "
				+ "must be of type date and should not be enclosed in quotes");
	}

	@Test
	void rejectsADateLiteralAgainstADateTimeField() {
		assertThat(parseError("SELECT Id FROM Contact WHERE CreatedDate > 2024-05-01").getMessage())
			.endsWith("\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime and should not "
					+ "be enclosed in quotes");
	}

	@Test
	void rejectsAStringAgainstABooleanField() {
		// when
		SoqlException error = parseError("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 'true'");

		// then
		assertThat(error.errorCode()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.getMessage()).endsWith("ERROR at Row:1:Column:51\nvalue of filter criterion for field "
				+ "'HasOptedOutOfEmail' must be of type boolean and should not be enclosed in quotes");
	}

	@Test
	void rejectsAnUnquotedValueAgainstATextOrIdField() {
		assertThat(parseError("SELECT Id FROM Contact WHERE LastName IN ('a', 5)").getMessage())
			.endsWith("\nvalue of filter criterion for field 'LastName' must be of type string and should be "
					+ "enclosed in quotes");
		assertThat(parseError("SELECT Id FROM Contact WHERE Account.OwnerId = true").getMessage())
			.endsWith("\nvalue of filter criterion for field 'Account.OwnerId' must be of type id and should be "
					+ "enclosed in quotes");
	}

	@Test
	void rejectsAQuotedNumberAgainstANumberField() {
		assertThat(parseError("SELECT Id FROM Account WHERE NumberOfEmployees > '5'").getMessage())
			.endsWith("\nvalue of filter criterion for field 'NumberOfEmployees' must be of type int and should not "
					+ "be enclosed in quotes");
	}

	@Test
	void rejectsLikeOnAFieldThatIsNotText() {
		assertThat(parseError("SELECT Id FROM Account WHERE AnnualRevenue LIKE '1%'").getMessage())
			.endsWith("ERROR at Row:1:Column:44\ninvalid operator on double field");
	}

	@Test
	void rejectsAFieldSelectedTwiceAsInvalidField() {
		// when
		SoqlException error = parseError("SELECT Id, LastName, lastname FROM Contact");

		// then
		assertThat(error.errorCode()).isEqualTo("INVALID_FIELD");
		assertThat(error.getMessage()).isEqualTo("duplicate field selected: LastName");
	}

	@Test
	void rejectsFieldsNextToCount() {
		assertThat(parseError("SELECT COUNT(), Id FROM Contact").getMessage())
			.endsWith("ERROR at Row:1:Column:15\nunexpected token: ','");
	}

	@Test
	void rejectsClausesOutsideTheSubset() {
		assertThat(parseError("SELECT LastName FROM Contact GROUP BY LastName").getMessage())
			.endsWith("ERROR at Row:1:Column:30\nunexpected token: 'GROUP'");
		assertThat(parseError("SELECT * FROM Contact").getMessage())
			.endsWith("ERROR at Row:1:Column:8\nunexpected token: '*'");
	}

	@Test
	void rejectsANegativeLimit() {
		assertThat(parseError("SELECT Id FROM Contact LIMIT -1").getMessage())
			.endsWith("ERROR at Row:1:Column:30\nunexpected token: '-1'");
	}

	@Test
	void rejectsARelativeDateLiteralWithoutItsNumber() {
		assertThat(parseError("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS").getMessage())
			.endsWith("ERROR at Row:1:Column:55\nunexpected token: '<EOF>'");
		assertThat(parseError("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:x").getMessage())
			.endsWith("ERROR at Row:1:Column:56\nunexpected token: 'x'");
	}

	@Test
	void rejectsAReservedWordAsAFieldName() {
		assertThat(parseError("SELECT Id FROM Contact WHERE AND = 'x'").getMessage())
			.endsWith("ERROR at Row:1:Column:30\nunexpected token: 'AND'");
	}

	@Test
	void rejectsAnUnknownWordAsAValue() {
		assertThat(parseError("SELECT Id FROM Contact WHERE LastName = Smith").getMessage())
			.endsWith("ERROR at Row:1:Column:41\nunexpected token: 'Smith'");
	}

}
