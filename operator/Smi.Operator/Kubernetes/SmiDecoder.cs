using System.Text.Json;
using Smi.Api.Conversion;
using Smi.Api.Manifests;
using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Reads an SMI custom resource from the API into the hub model, through the API layer's wire
/// types and conversion. An object the API layer cannot read (which admission would have refused)
/// is left out of the mesh rather than crashing the reconcile — and the result says why, so the
/// object can be marked and reported instead of silently missing.
/// </summary>
internal static class SmiDecoder
{
    public static SmiDecodeResult Decode(UnstructuredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var target = new ObjectRef(obj.Kind, obj.Metadata.NamespaceProperty ?? string.Empty, obj.Metadata.Name ?? string.Empty, obj.Metadata.Generation ?? 0);
        var version = SmiApiRegistry.Find(obj.ApiVersion, obj.Kind);
        if (version is null)
        {
            return Failed(target, $"{obj.ApiVersion} {obj.Kind} is not a version this operator reads");
        }

        var json = obj.ToJsonObject();
        try
        {
            var hub = version.ToHub(version.Deserialize(json));
            return hub.IsSuccess
                ? SmiDecodeResult.Success(hub.Value)
                : Failed(target, hub.ErrorPath is { Length: > 0 } path ? $"{path}: {hub.Error}" : hub.Error);
        }
        catch (JsonException ex)
        {
            var (path, message) = JsonErrorTranslator.Translate(ex, json);
            return Failed(target, path.Length > 0 ? $"{path}: {message}" : message);
        }
    }

    private static SmiDecodeResult Failed(ObjectRef target, string problem) =>
        SmiDecodeResult.Failed(new SmiDecodeFailure(target, problem.TrimEnd('.')));
}
