using Smi.Install.Tests.Support;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Validator;

/// <summary>Inline schemas and objects for the validator's unit tests.</summary>
internal static class Schemas
{
    public static StructuralSchema Parse(string yaml) => StructuralSchema.Parse(Manifests.Object(yaml), "schema");

    /// <summary>A root object schema with one property <c>x</c> of the given schema.</summary>
    public static StructuralSchema WithField(string fieldSchemaYaml) =>
        Parse("type: object\nproperties:\n  x:\n" + Indent(fieldSchemaYaml, 4));

    public static IReadOnlyList<string> Errors(StructuralSchema schema, string objectYaml) =>
        [.. SchemaValidator.Validate(Manifests.Object(objectYaml), schema).Select(e => e.ToString())];

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(line => new string(' ', spaces) + line));
}
