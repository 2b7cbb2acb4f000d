using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// The <c>/scale</c> subresource (<c>autoscaling/v1 Scale</c>) of Deployments, ReplicaSets and CRDs
/// that declare <c>subresources.scale</c>: what <c>kubectl scale</c>, autoscalers and canary tools use.
/// </summary>
internal sealed partial class ResourceWriter
{
    public JsonObject GetScale(ResourceType type, string version, string? ns, string name)
    {
        var scale = ScaleOf(type, version);
        var current = store.Get(type.Key, ns, name) ?? throw ApiException.NotFound(type.Plural, name, type.Group);
        return ToScale(converter.ToVersion(type, current, version), scale);
    }

    /// <summary>Writes replicas from the Scale that <paramref name="change"/> makes of the current one (PUT: the body; PATCH: the patched view).</summary>
    public WriteResult WriteScale(ResourceType type, string version, string? ns, string name, Func<JsonObject, JsonObject> change, WriteOptions options)
    {
        var scale = ScaleOf(type, version);
        var result = store.Mutate(type.Key, ns, name, current =>
        {
            if (current is null)
            {
                throw ApiException.NotFound(type.Plural, name, type.Group);
            }

            var view = converter.ToVersion(type, current, version);
            var wanted = change(ToScale(view, scale));
            var rv = Meta.ResourceVersion(wanted);
            if (!string.IsNullOrEmpty(rv) && rv != Meta.ResourceVersion(current))
            {
                throw ApiException.StaleResourceVersion(type.Plural, name, type.Group);
            }

            if (Meta.Long(wanted["spec"]?["replicas"]) is not { } replicas || replicas < 0)
            {
                throw ApiException.Invalid("Scale", name, "autoscaling", [("spec.replicas", "Invalid value: must be greater than or equal to 0")]);
            }

            Set(view, scale.SpecReplicasPath, JsonValue.Create(replicas));
            return Replace(type, version, current, view, null, options);
        }, options.DryRun);
        return new WriteResult(200, ToScale(converter.ToVersion(type, result.Object!, version), scale));
    }

    private static ScaleSubresource ScaleOf(ResourceType type, string version) =>
        type.Served(version)?.Scale ?? throw ApiException.NotFoundRoute();

    private static JsonObject ToScale(JsonObject obj, ScaleSubresource scale)
    {
        var metadata = obj["metadata"]!.AsObject();
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (metadata[field] is { } value)
            {
                scaleMetadata[field] = value.DeepClone();
            }
        }

        var status = new JsonObject { ["replicas"] = Meta.Long(Find(obj, scale.StatusReplicasPath)) ?? 0 };
        var selector = scale.LabelSelectorPath is null ? MatchLabels(obj) : Meta.Str(Find(obj, scale.LabelSelectorPath));
        if (!string.IsNullOrEmpty(selector))
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = Meta.Long(Find(obj, scale.SpecReplicasPath)) ?? 0 },
            ["status"] = status,
        };
    }

    private static string? MatchLabels(JsonObject obj) =>
        obj["spec"]?["selector"]?["matchLabels"] is JsonObject labels
            ? string.Join(",", labels.Select(l => $"{l.Key}={Meta.Str(l.Value)}"))
            : null;

    private static JsonNode? Find(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.TrimStart('.').Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }

    private static void Set(JsonObject obj, string path, JsonNode value)
    {
        var segments = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = new JsonObject();
                node[segment] = child;
            }

            node = child;
        }

        node[segments[^1]] = value;
    }
}
