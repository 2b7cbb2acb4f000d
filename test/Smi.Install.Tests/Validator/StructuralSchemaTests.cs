using Smi.Testing.Crds;

namespace Smi.Install.Tests.Validator;

public sealed class StructuralSchemaTests
{
    [Theory]
    [InlineData("type: object\nproperties:\n  a: {description: no type}", "schema.properties[a].type: Required value")]
    [InlineData("type: object\nproperties:\n  a: {type: object, x-kubernetes-preserve-unknown-fields: false}", "must be true or undefined")]
    [InlineData("type: object\nproperties:\n  a: {type: string, x-kubernetes-int-or-string: true}", "must be empty if x-kubernetes-int-or-string is true")]
    [InlineData("type: object\nproperties:\n  a: {type: array}", "schema.properties[a].items: Required value")]
    [InlineData("type: object\nproperties:\n  a: {type: object, properties: {b: {type: string}}, additionalProperties: {type: string}}", "mutual exclusive")]
    [InlineData("type: object\nproperties:\n  a: {type: object, additionalProperties: false}", "additionalProperties cannot be set to false")]
    [InlineData("type: object\nproperties:\n  a: {type: string, pattern: '(unclosed'}", "schema.properties[a].pattern: Invalid value")]
    [InlineData("type: object\nproperties:\n  a: {type: string, default: x}", "schema.properties[a].default: Forbidden")]
    [InlineData("type: object\nproperties:\n  a: {type: string, x-kubernetes-validations: [{rule: 'self != \"\"'}]}", "x-kubernetes-validations: Forbidden")]
    [InlineData("type: object\nproperties:\n  a: {oneOf: [{type: string}], type: string}", "schema.properties[a].oneOf: Forbidden")]
    [InlineData("type: object\nproperties:\n  a: {type: strin}", "Unsupported value: \"strin\"")]
    [InlineData("type: object\nproperties:\n  a: {type: array, items: {type: string}, uniqueItems: true}", "uniqueItems cannot be set to true")]
    [InlineData("type: object\nproperties:\n  metadata: {type: object, properties: {labels: {type: object}}}", "schema.properties[metadata].properties[labels]: Forbidden")]
    [InlineData("type: array\nitems: {type: string}", "must be object at the root")]
    [InlineData("type: object\nproperties:\n  a: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [k], items: {type: object, properties: {k: {type: string}}}}", "list map key \"k\" must be required")]
    [InlineData("type: object\nproperties:\n  a: {type: array, x-kubernetes-list-type: map, items: {type: object}}", "x-kubernetes-list-map-keys: Required value")]
    public void Parse_NonStructuralOrUnimplemented_Rejected(string yaml, string expected)
    {
        var ex = Assert.Throws<CrdSchemaException>(() => Schemas.Parse(yaml));

        Assert.Contains(ex.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_AllReported()
    {
        var ex = Assert.Throws<CrdSchemaException>(() => Schemas.Parse("type: object\nproperties:\n  a: {}\n  b: {type: array}"));

        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void Parse_ControllerGenIntOrStringForm_Accepted()
    {
        var schema = Schemas.Parse("""
            type: object
            properties:
              weight:
                anyOf:
                - type: integer
                - type: string
                x-kubernetes-int-or-string: true
            """);

        Assert.True(schema.Properties["weight"].IntOrString);
        Assert.Equal(["integer", "string"], schema.Properties["weight"].AllowedTypes);
    }

    [Fact]
    public void Parse_AnyOfOtherThanIntOrString_Rejected()
    {
        Assert.Throws<CrdSchemaException>(() => Schemas.Parse("type: object\nproperties:\n  a: {type: string, anyOf: [{type: string}, {type: integer}]}"));
    }

    [Fact]
    public void Parse_TypelessPreservingNode_Accepted()
    {
        var schema = Schemas.Parse("type: object\nproperties:\n  headers: {x-kubernetes-preserve-unknown-fields: true, description: map or list}");

        Assert.True(schema.Properties["headers"].PreserveUnknownFields);
        Assert.Null(schema.Properties["headers"].Type);
    }

    [Fact]
    public void Parse_Keywords_Read()
    {
        var schema = Schemas.Parse("""
            type: object
            required: [a]
            properties:
              a:
                type: integer
                minimum: 1
                maximum: 65535
                exclusiveMaximum: true
                multipleOf: 2
              b: {type: string, minLength: 1, maxLength: 5, pattern: ^x, format: date-time, nullable: true, enum: [x, xy]}
              c:
                type: array
                minItems: 1
                maxItems: 3
                x-kubernetes-list-type: set
                items: {type: string}
              d: {type: object, minProperties: 1, maxProperties: 2, additionalProperties: {type: string}}
            """);

        var a = schema.Properties["a"];
        var b = schema.Properties["b"];
        var c = schema.Properties["c"];
        var d = schema.Properties["d"];
        Assert.Equal(["a"], schema.Required);
        Assert.Equal((1d, 65535d, true, 2d), (a.Minimum, a.Maximum, a.ExclusiveMaximum, a.MultipleOf));
        Assert.Equal((1L, 5L, "^x", "date-time", true, 2), (b.MinLength, b.MaxLength, b.PatternText, b.Format, b.Nullable, b.Enum.Length));
        Assert.Equal((1L, 3L, "set", "string"), (c.MinItems, c.MaxItems, c.ListType, c.Items!.Type));
        Assert.Equal((1L, 2L, "string"), (d.MinProperties, d.MaxProperties, d.AdditionalProperties!.Type));
    }
}
