using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// Runs the API server's pipeline for a custom resource write against one version's schema:
/// prune unknown fields (and unknown metadata fields), drop nulls of non-nullable fields, validate.
/// </summary>
public static class CustomResourceValidator
{
    /// <summary>Validates a copy of <paramref name="resource"/>; the input is not modified.</summary>
    public static CustomResourceValidationResult Validate(JsonObject resource, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(schema);
        var copy = resource.DeepClone().AsObject();
        var pruned = SchemaPruner.PruneResource(copy, schema);
        var nulls = SchemaPruner.PruneNonNullableNulls(copy, schema);
        var errors = SchemaValidator.Validate(copy, schema);
        return new CustomResourceValidationResult(copy, pruned, nulls, errors);
    }
}
