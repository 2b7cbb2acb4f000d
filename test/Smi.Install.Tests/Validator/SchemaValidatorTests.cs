using System.Text.Json.Nodes;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Validator;

public sealed class SchemaValidatorTests
{
    [Fact]
    public void Validate_StringWhereIntegerExpected_TypeInvalidInApiServerWords()
    {
        var schema = Schemas.Parse("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  backends:
                    type: array
                    items:
                      type: object
                      properties:
                        weight:
                          type: integer
            """);

        var errors = Schemas.Errors(schema, "spec: {backends: [{weight: abc}]}");

        Assert.Equal(["spec.backends[0].weight: Invalid value: \"string\": spec.backends[0].weight in body must be of type integer: \"string\""], errors);
    }

    [Theory]
    [InlineData("string", "1", "integer")]
    [InlineData("string", "true", "boolean")]
    [InlineData("string", "{}", "object")]
    [InlineData("string", "[]", "array")]
    [InlineData("integer", "'1'", "string")]
    [InlineData("integer", "1.5", "number")]
    [InlineData("number", "'1.5'", "string")]
    [InlineData("boolean", "'true'", "string")]
    [InlineData("object", "[1]", "array")]
    [InlineData("array", "{a: 1}", "object")]
    public void Validate_WrongJsonType_Rejected(string type, string value, string actual)
    {
        var schema = Schemas.WithField(type == "array" ? "type: array\nitems:\n  type: string" : $"type: {type}");

        var errors = Schemas.Errors(schema, $"x: {value}");

        Assert.Equal([$"x: Invalid value: \"{actual}\": x in body must be of type {type}: \"{actual}\""], errors);
    }

    [Theory]
    [InlineData("integer", "2.0")]
    [InlineData("number", "2")]
    [InlineData("number", "2.5")]
    [InlineData("boolean", "false")]
    [InlineData("string", "'007'")]
    public void Validate_MatchingOrCompatibleNumber_Accepted(string type, string value)
    {
        Assert.Empty(Schemas.Errors(Schemas.WithField($"type: {type}"), $"x: {value}"));
    }

    [Fact]
    public void Validate_MissingRequiredFields_RequiredValueForEach()
    {
        var schema = Schemas.Parse("""
            type: object
            required: [spec]
            properties:
              spec:
                type: object
                required: [service, backends]
                properties:
                  service: {type: string}
                  backends: {type: array, items: {type: string}}
            """);

        Assert.Equal(["spec: Required value"], Schemas.Errors(schema, "kind: X"));
        Assert.Equal(["spec.service: Required value", "spec.backends: Required value"], Schemas.Errors(schema, "spec: {}"));
    }

    [Fact]
    public void Validate_ValueOutsideEnum_UnsupportedValueListsTheSupported()
    {
        var schema = Schemas.WithField("type: string\nenum: [HTTPRouteGroup, TCPRoute]");

        Assert.Equal(["x: Unsupported value: \"HTTPRoute\": supported values: \"HTTPRouteGroup\", \"TCPRoute\""], Schemas.Errors(schema, "x: HTTPRoute"));
        Assert.Empty(Schemas.Errors(schema, "x: TCPRoute"));
    }

    [Fact]
    public void Validate_NonStringEnum_QuotesJsonOfSupportedValues()
    {
        var schema = Schemas.WithField("type: integer\nenum: [1, 2]");

        Assert.Equal(["x: Unsupported value: 3: supported values: \"1\", \"2\""], Schemas.Errors(schema, "x: 3"));
        Assert.Empty(Schemas.Errors(schema, "x: 2"));
    }

    [Theory]
    [InlineData("minimum: 0", "-1", "x: Invalid value: -1: x in body should be greater than or equal to 0")]
    [InlineData("minimum: 0\nexclusiveMinimum: true", "0", "x: Invalid value: 0: x in body should be greater than 0")]
    [InlineData("maximum: 65535", "65536", "x: Invalid value: 65536: x in body should be less than or equal to 65535")]
    [InlineData("maximum: 10\nexclusiveMaximum: true", "10", "x: Invalid value: 10: x in body should be less than 10")]
    [InlineData("multipleOf: 5", "12", "x: Invalid value: 12: x in body should be a multiple of 5")]
    public void Validate_IntegerBounds_InvalidValueWithBound(string keywords, string value, string expected)
    {
        var schema = Schemas.WithField("type: integer\n" + keywords);

        Assert.Equal([expected], Schemas.Errors(schema, $"x: {value}"));
    }

    [Fact]
    public void Validate_FloatBelowMinimum_BoundPrintedAsGoFloat()
    {
        var schema = Schemas.WithField("type: number\nminimum: 0.5\nmaximum: 1000000");

        Assert.Equal(["x: Invalid value: 0.25: x in body should be greater than or equal to 0.5"], Schemas.Errors(schema, "x: 0.25"));
        Assert.Equal(["x: Invalid value: 2.5000005e+06: x in body should be less than or equal to 1e+06"], Schemas.Errors(schema, "x: 2500000.5"));
        Assert.Equal(["x: Invalid value: 2500000: x in body should be less than or equal to 1000000"], Schemas.Errors(schema, "x: 2500000"));
        Assert.Empty(Schemas.Errors(schema, "x: 0.5"));
    }

    [Fact]
    public void Validate_Pattern_UnanchoredUnlessTheRegexIsAnchored()
    {
        var anchored = Schemas.WithField("type: string\npattern: ^[a-z]+$");
        var unanchored = Schemas.WithField("type: string\npattern: '[0-9]'");

        Assert.Equal(["x: Invalid value: \"Abc\": x in body should match '^[a-z]+$'"], Schemas.Errors(anchored, "x: Abc"));
        Assert.Empty(Schemas.Errors(unanchored, "x: abc1def"));
        Assert.Equal(["x: Invalid value: \"abc\": x in body should match '[0-9]'"], Schemas.Errors(unanchored, "x: abc"));
    }

    [Fact]
    public void Validate_StringLengths_CountCodePoints()
    {
        var schema = Schemas.WithField("type: string\nminLength: 2\nmaxLength: 3");

        Assert.Equal(["x: Too long: may not be more than 3 bytes"], Schemas.Errors(schema, "x: abcd"));
        Assert.Equal(["x: Invalid value: \"a\": x in body should be at least 2 chars long"], Schemas.Errors(schema, "x: a"));
        Assert.Empty(Schemas.Errors(schema, "x: héé"));
        Assert.Empty(Schemas.Errors(schema, "x: \"🙂🙂\""));
    }

    [Fact]
    public void Validate_ItemCounts_TooFewInvalidTooManyTooMany()
    {
        var schema = Schemas.WithField("type: array\nminItems: 1\nmaxItems: 2\nitems:\n  type: integer");

        Assert.Equal(["x: Invalid value: 0: x in body should have at least 1 items"], Schemas.Errors(schema, "x: []"));
        Assert.Equal(["x: Too many: 3: must have at most 2 items"], Schemas.Errors(schema, "x: [1, 2, 3]"));
        Assert.Empty(Schemas.Errors(schema, "x: [1, 2]"));
    }

    [Fact]
    public void Validate_PropertyCounts_Checked()
    {
        var schema = Schemas.WithField("type: object\nminProperties: 1\nmaxProperties: 1\nadditionalProperties:\n  type: string");

        Assert.Equal(["x: Invalid value: 0: x in body should have at least 1 properties"], Schemas.Errors(schema, "x: {}"));
        Assert.Equal(["x: Too many: 2: must have at most 1 item"], Schemas.Errors(schema, "x: {a: b, c: d}"));
    }

    [Fact]
    public void Validate_ArrayItemsAndMapValues_ErrorsCarryTheirPath()
    {
        var schema = Schemas.Parse("""
            type: object
            properties:
              ports:
                type: array
                items: {type: integer, minimum: 1, maximum: 65535}
              labels:
                type: object
                additionalProperties: {type: string}
            """);

        var errors = Schemas.Errors(schema, "ports: [80, 0, 70000]\nlabels: {app: web, tier: 3}");

        Assert.Equal(
            [
                "ports[1]: Invalid value: 0: ports[1] in body should be greater than or equal to 1",
                "ports[2]: Invalid value: 70000: ports[2] in body should be less than or equal to 65535",
                "labels.tier: Invalid value: \"integer\": labels.tier in body must be of type string: \"integer\"",
            ],
            errors);
    }

    [Fact]
    public void Validate_Null_RejectedUnlessNullable()
    {
        var strict = Schemas.WithField("type: string");
        var nullable = Schemas.WithField("type: string\nnullable: true");

        Assert.Equal(["x: Invalid value: \"null\": x in body must be of type string: \"null\""], Schemas.Errors(strict, "x: null"));
        Assert.Empty(Schemas.Errors(nullable, "x: null"));
    }

    [Fact]
    public void Validate_TypeErrorAndEnum_BothReported()
    {
        var schema = Schemas.WithField("type: string\nenum: [a]");

        var errors = SchemaValidator.Validate(new JsonObject { ["x"] = 5 }, schema);

        Assert.Equal([FieldErrorType.TypeInvalid, FieldErrorType.NotSupported], errors.Select(e => e.Type));
    }

    [Fact]
    public void Validate_EscapesInQuotedValues_LikeGoQuote()
    {
        var schema = Schemas.WithField("type: string\npattern: ^x$");

        var error = SchemaValidator.Validate(new JsonObject { ["x"] = "a\"b\\c\nd" }, schema).Single();

        Assert.Equal("x: Invalid value: \"a\\\"b\\\\c\\nd\": x in body should match '^x$'", error.ToString());
    }
}
