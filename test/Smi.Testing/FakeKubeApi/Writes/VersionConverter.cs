using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Webhooks;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// Moves custom resources between the storage version and the version a client speaks: through
/// the pluggable converter when one is set, else through the CRD's conversion webhook
/// (<c>conversion.strategy: Webhook</c>, a <c>apiextensions.k8s.io/v1 ConversionReview</c>), else by
/// rewriting apiVersion (strategy None). A failing conversion is a 500, as in the real server.
/// </summary>
internal sealed class VersionConverter(CustomResourceConverter? converter, WebhookClient webhooks)
{
    public JsonObject ToStorage(ResourceType type, JsonObject obj) => To(type, obj, type.StorageApiVersion);

    public JsonObject ToVersion(ResourceType type, JsonObject obj, string version) => To(type, obj, type.ApiVersionFor(version));

    private JsonObject To(ResourceType type, JsonObject obj, string apiVersion)
    {
        var copy = obj.DeepClone().AsObject();
        if (Meta.Str(copy["apiVersion"]) == apiVersion)
        {
            return copy;
        }

        var conversion = type.Crd?["spec"]?["conversion"] as JsonObject;
        if (!type.IsCustom || (converter is null && Meta.Str(conversion?["strategy"]) != "Webhook"))
        {
            copy["apiVersion"] = apiVersion;
            return copy;
        }

        JsonObject converted;
        try
        {
            converted = converter is not null ? converter(copy, apiVersion) : CallWebhook(conversion!, copy, apiVersion);
        }
        catch (Exception ex) when (ex is not ApiException)
        {
            throw ApiException.Internal($"conversion webhook for {type.Group}/{type.Kind} failed: {ex.Message}");
        }

        if (Meta.Str(converted["apiVersion"]) != apiVersion)
        {
            throw ApiException.Internal($"conversion webhook for {type.Group}/{type.Kind} returned apiVersion {converted["apiVersion"]}, expected {apiVersion}");
        }

        return converted;
    }

    private JsonObject CallWebhook(JsonObject conversion, JsonObject obj, string apiVersion)
    {
        var uid = Guid.NewGuid().ToString();
        var review = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "ConversionReview",
            ["request"] = new JsonObject { ["uid"] = uid, ["desiredAPIVersion"] = apiVersion, ["objects"] = new JsonArray(obj) },
        };
        var answer = webhooks.Post(conversion["webhook"]?["clientConfig"] as JsonObject, review, TimeSpan.FromSeconds(30));
        var response = answer["response"] as JsonObject;
        if (Meta.Str(response?["uid"]) != uid)
        {
            throw new WebhookCallException($"expected response.uid=\"{uid}\", got \"{Meta.Str(response?["uid"])}\"");
        }

        if (Meta.Str(response!["result"]?["status"]) != "Success")
        {
            throw new WebhookCallException(Meta.Str(response["result"]?["message"]) ?? "conversion failed without a message");
        }

        return (response["convertedObjects"] as JsonArray)?.FirstOrDefault() as JsonObject is { } converted
            ? converted.DeepClone().AsObject()
            : throw new WebhookCallException("response.convertedObjects is empty");
    }
}
