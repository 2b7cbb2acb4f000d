using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Crds;

/// <summary>
/// Plugs the structural-schema validator into the fake API server, so that custom resources are
/// pruned and validated against their CRD's schema on every write, as the real API server does —
/// with validation ratcheting on updates (<see cref="ValidationRatcheting"/>).
/// </summary>
public static class CrdSchemaHook
{
    /// <summary>The hook for <see cref="FakeKubeApiOptions.Validator"/>.</summary>
    public static FakeKubeApi.CustomResourceValidationResult Validate(CustomResourceValidationRequest request) => Validate(request, ratchet: true);

    /// <summary>
    /// The same without ratcheting, as an API server before 1.30 (or with the CRDValidationRatcheting
    /// feature gate off) validates: every write to an object that fails its schema is refused,
    /// including a write of its status alone.
    /// </summary>
    public static FakeKubeApi.CustomResourceValidationResult ValidateWithoutRatcheting(CustomResourceValidationRequest request) => Validate(request, ratchet: false);

    private static FakeKubeApi.CustomResourceValidationResult Validate(CustomResourceValidationRequest request, bool ratchet)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Schema is null)
        {
            return FakeKubeApi.CustomResourceValidationResult.Valid(request.Object);
        }

        var parser = new StructuralSchemaParser();
        var schema = parser.ParseRoot(request.Schema, $"{request.Crd["metadata"]?["name"]}/{request.Version}");
        var result = CustomResourceValidator.Validate(request.Object, schema);
        // Both sides pruned, so that fields the schema drops do not count as changes.
        var old = result.IsValid || request.OldObject is null || !ratchet ? null : CustomResourceValidator.Validate(request.OldObject, schema).Object;
        var errors = old is null
            ? [.. result.Errors]
            : result.Errors.Where(e => !ValidationRatcheting.IsUnchanged(old, result.Object, e.Field)).ToList();
        if (errors.Count > 0)
        {
            return new FakeKubeApi.CustomResourceValidationResult(null, [.. errors.Select(e => new FakeKubeApi.FieldError(e.Field, e.Body))]);
        }

        return FakeKubeApi.CustomResourceValidationResult.Valid(result.Object, result.PrunedFields);
    }
}
