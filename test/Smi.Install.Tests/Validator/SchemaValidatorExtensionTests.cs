namespace Smi.Install.Tests.Validator;

/// <summary>The Kubernetes extensions (int-or-string, preserve-unknown-fields, list types) and formats.</summary>
public sealed class SchemaValidatorExtensionTests
{
    [Theory]
    [InlineData("5")]
    [InlineData("'10m'")]
    [InlineData("'1500m'")]
    [InlineData("'1'")]
    public void Validate_IntOrString_AcceptsIntegersAndMatchingStrings(string value)
    {
        var schema = Schemas.WithField("x-kubernetes-int-or-string: true\nminimum: 0\npattern: ^[0-9]+m?$");

        Assert.Empty(Schemas.Errors(schema, $"x: {value}"));
    }

    [Fact]
    public void Validate_IntOrString_OtherTypesAndBadValuesRejected()
    {
        var schema = Schemas.WithField("x-kubernetes-int-or-string: true\nminimum: 0\npattern: ^[0-9]+m?$");

        Assert.Equal(["x: Invalid value: \"boolean\": x in body must be of type integer,string: \"boolean\""], Schemas.Errors(schema, "x: true"));
        Assert.Equal(["x: Invalid value: \"number\": x in body must be of type integer,string: \"number\""], Schemas.Errors(schema, "x: 1.5"));
        Assert.Equal(["x: Invalid value: \"abc\": x in body should match '^[0-9]+m?$'"], Schemas.Errors(schema, "x: abc"));
        Assert.Equal(["x: Invalid value: -2: x in body should be greater than or equal to 0"], Schemas.Errors(schema, "x: -2"));
    }

    [Fact]
    public void Validate_PreserveUnknownFieldsWithoutType_AcceptsAnyShape()
    {
        var schema = Schemas.WithField("x-kubernetes-preserve-unknown-fields: true");

        Assert.Empty(Schemas.Errors(schema, "x: {user-agent: '.*Firefox.*'}"));
        Assert.Empty(Schemas.Errors(schema, "x: [{user-agent: '.*Firefox.*'}]"));
        Assert.Empty(Schemas.Errors(schema, "x: 42"));
    }

    [Fact]
    public void Validate_ListTypeMapWithRepeatedKey_DuplicateValue()
    {
        var schema = Schemas.WithField("""
            type: array
            x-kubernetes-list-type: map
            x-kubernetes-list-map-keys: [type]
            items:
              type: object
              required: [type]
              properties:
                type: {type: string}
                status: {type: string}
            """);

        var errors = Schemas.Errors(schema, "x: [{type: Ready, status: 'True'}, {type: Synced}, {type: Ready, status: 'False'}]");

        Assert.Equal(["x[2]: Duplicate value: {\"type\":\"Ready\"}"], errors);
    }

    [Fact]
    public void Validate_ListTypeSetWithRepeatedItem_DuplicateValue()
    {
        var schema = Schemas.WithField("type: array\nx-kubernetes-list-type: set\nitems:\n  type: string");

        Assert.Equal(["x[2]: Duplicate value: \"a\""], Schemas.Errors(schema, "x: [a, b, a]"));
        Assert.Empty(Schemas.Errors(schema, "x: [a, b]"));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", true)]
    [InlineData("2024-05-01T10:00:00.123456+02:00", true)]
    [InlineData("2024-05-01", false)]
    [InlineData("yesterday", false)]
    [InlineData("2024-13-01T10:00:00Z", false)]
    public void Validate_DateTimeFormat_Rfc3339(string value, bool valid)
    {
        var schema = Schemas.WithField("type: string\nformat: date-time");

        var errors = Schemas.Errors(schema, $"x: '{value}'");

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal([$"x: Invalid value: \"{value}\": x in body must be of type date-time: \"{value}\""], errors);
        }
    }

    [Fact]
    public void Validate_FloatInInt64Field_ReportsTheFormatLikeKubeOpenApi()
    {
        var schema = Schemas.WithField("type: integer\nformat: int64");

        Assert.Equal(["x: Invalid value: \"float64\": x in body must be of type int64: \"float64\""], Schemas.Errors(schema, "x: 1.5"));
        Assert.Empty(Schemas.Errors(schema, "x: 3"));
    }
}
