using System.Text.Json;
using Smi.Api.Conversion;
using Smi.Api.Model;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Reads an SMI custom resource from the API into the hub model, through the API layer's wire
/// types and conversion. An object the API layer cannot read (which admission would have refused)
/// is left out of the mesh rather than crashing the reconcile.
/// </summary>
internal static class SmiDecoder
{
    public static SmiObject? Decode(UnstructuredObject obj)
    {
        var version = SmiApiRegistry.Find(obj.ApiVersion, obj.Kind);
        if (version is null)
        {
            return null;
        }

        try
        {
            var hub = version.ToHub(version.Deserialize(obj.ToJsonObject()));
            return hub.IsSuccess ? hub.Value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
