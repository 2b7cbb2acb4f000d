using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// Moves custom resources between the storage version and the version a client speaks, through
/// the pluggable converter (default: rewrite apiVersion, i.e. conversion strategy None). A failing
/// converter is a 500, as a failing conversion webhook is.
/// </summary>
internal sealed class VersionConverter(CustomResourceConverter? converter)
{
    public JsonObject ToStorage(ResourceType type, JsonObject obj) => To(type, obj, type.StorageApiVersion);

    public JsonObject ToVersion(ResourceType type, JsonObject obj, string version) => To(type, obj, type.ApiVersionFor(version));

    private JsonObject To(ResourceType type, JsonObject obj, string apiVersion)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["apiVersion"]?.GetValue<string>() == apiVersion)
        {
            return copy;
        }

        if (!type.IsCustom || converter is null)
        {
            copy["apiVersion"] = apiVersion;
            return copy;
        }

        JsonObject converted;
        try
        {
            converted = converter(copy, apiVersion);
        }
        catch (Exception ex) when (ex is not ApiException)
        {
            throw ApiException.Internal($"conversion webhook for {type.Group}/{type.Kind} failed: {ex.Message}");
        }

        if (converted["apiVersion"]?.GetValue<string>() != apiVersion)
        {
            throw ApiException.Internal($"conversion webhook for {type.Group}/{type.Kind} returned apiVersion {converted["apiVersion"]}, expected {apiVersion}");
        }

        return converted;
    }
}
