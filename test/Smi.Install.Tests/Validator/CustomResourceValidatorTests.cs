using Smi.Install.Tests.Support;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Validator;

public sealed class CustomResourceValidatorTests
{
    private static readonly StructuralSchema Schema = Schemas.Parse("""
        type: object
        required: [spec]
        properties:
          spec:
            type: object
            required: [service]
            properties:
              service: {type: string}
        """);

    [Fact]
    public void Validate_UnknownFieldsAndNulls_PrunedBeforeValidation()
    {
        var input = Manifests.Object("spec: {service: null, colour: blue}");

        var result = CustomResourceValidator.Validate(input, Schema);

        Assert.Equal(["spec.colour"], result.PrunedFields);
        Assert.Equal(["spec.service"], result.DroppedNulls);
        Assert.Equal(["spec.service: Required value"], result.Errors.Select(e => e.ToString()));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_InputIsNotModified()
    {
        var input = Manifests.Object("spec: {service: web, colour: blue}");

        var result = CustomResourceValidator.Validate(input, Schema);

        Assert.True(result.IsValid);
        Assert.Equal("blue", input["spec"]!["colour"]!.GetValue<string>());
        Assert.Null(result.Object["spec"]!["colour"]);
    }

    [Fact]
    public void Message_OneOrSeveralErrors_FormattedLikeTheApiServerStatus()
    {
        var schema = Schemas.Parse("""
            type: object
            properties:
              spec:
                type: object
                required: [a, b]
                properties:
                  a: {type: string}
                  b: {type: string}
            """);

        var one = CustomResourceValidator.Validate(Manifests.Object("spec: {a: x}"), schema);
        var two = CustomResourceValidator.Validate(Manifests.Object("spec: {}"), schema);

        Assert.Equal("TrafficSplit.split.smi-spec.io \"web\" is invalid: spec.b: Required value", one.Message("TrafficSplit.split.smi-spec.io", "web"));
        Assert.Equal("TrafficSplit.split.smi-spec.io \"web\" is invalid: [spec.a: Required value, spec.b: Required value]", two.Message("TrafficSplit.split.smi-spec.io", "web"));
        Assert.Equal(string.Empty, CustomResourceValidator.Validate(Manifests.Object("spec: {a: x, b: y}"), schema).Message("X", "y"));
    }

    [Fact]
    public void Warnings_PrunedFields_AsKubectlPrintsThem()
    {
        var result = CustomResourceValidator.Validate(Manifests.Object("spec: {service: web, port: 80}"), Schema);

        Assert.Equal(["unknown field \"spec.port\""], result.Warnings);
    }
}
