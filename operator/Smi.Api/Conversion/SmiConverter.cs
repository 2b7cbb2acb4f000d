using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Api.Manifests;
using Smi.Api.Versions.Common;

namespace Smi.Api.Conversion;

/// <summary>
/// The JSON-level conversion the CRD conversion webhook performs: an object of any served version
/// to any other version of the same kind, through the hub. Metadata is kept exactly as it came
/// except for our conversion annotations, status is kept, apiVersion is replaced. Bad input is a
/// failed <see cref="Result{T}"/>, never an exception.
/// </summary>
public static class SmiConverter
{
    /// <summary>Converts <paramref name="obj"/> to <paramref name="desiredApiVersion"/>.</summary>
    public static Result<JsonObject> Convert(JsonObject obj, string desiredApiVersion)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        if (apiVersion is null || kind is null)
        {
            return Result<JsonObject>.Failure("the object needs a string apiVersion and kind", apiVersion is null ? "apiVersion" : "kind");
        }

        var source = SmiApiRegistry.Find(apiVersion, kind);
        if (source is null)
        {
            return Result<JsonObject>.Failure(ServedVersions.Describe(apiVersion, kind), "apiVersion");
        }

        var target = SmiApiRegistry.Find(desiredApiVersion, kind);
        if (target is null)
        {
            return Result<JsonObject>.Failure($"cannot convert {kind} to {desiredApiVersion}: {ServedVersions.Describe(desiredApiVersion, kind)}");
        }

        if (source == target)
        {
            return Result<JsonObject>.Success(obj.DeepClone().AsObject());
        }

        SmiResource wire;
        try
        {
            wire = source.Deserialize(obj);
        }
        catch (JsonException ex)
        {
            var (path, message) = JsonErrorTranslator.Translate(ex, obj);
            return Result<JsonObject>.Failure(message, path);
        }

        return source.ToHub(wire)
            .Bind(target.FromHub)
            .Map(converted => Assemble(obj, target, converted));
    }

    private static JsonObject Assemble(JsonObject original, SmiApiVersion target, SmiResource converted)
    {
        var body = target.Serialize(converted);
        var result = new JsonObject
        {
            ["apiVersion"] = target.ApiVersion,
            ["kind"] = target.Kind,
        };
        if (original["metadata"] is JsonNode metadata)
        {
            result["metadata"] = WithConversionAnnotations(metadata.DeepClone(), converted.Metadata?.Annotations);
        }
        else if (StashOf(converted.Metadata?.Annotations).Count > 0)
        {
            result["metadata"] = WithConversionAnnotations(new JsonObject(), converted.Metadata?.Annotations);
        }

        foreach (var (key, value) in body)
        {
            if (key is not ("apiVersion" or "kind" or "metadata" or "status"))
            {
                result[key] = value?.DeepClone();
            }
        }

        if (original.TryGetPropertyValue("status", out var status))
        {
            result["status"] = status?.DeepClone();
        }

        return result;
    }

    private static JsonNode WithConversionAnnotations(JsonNode metadata, IDictionary<string, string>? converted)
    {
        if (metadata is not JsonObject meta)
        {
            return metadata;
        }

        var stash = StashOf(converted);
        var annotations = meta["annotations"] as JsonObject;
        if (annotations is null && stash.Count == 0)
        {
            return meta;
        }

        annotations ??= [];
        var removed = false;
        foreach (var key in annotations.Select(a => a.Key).Where(ConversionAnnotations.All.Contains).ToList())
        {
            annotations.Remove(key);
            removed = true;
        }

        foreach (var (key, value) in stash)
        {
            annotations[key] = value;
        }

        if (annotations.Count == 0 && removed)
        {
            meta.Remove("annotations");
        }
        else if (annotations.Count > 0)
        {
            meta["annotations"] = annotations;
        }

        return meta;
    }

    private static List<KeyValuePair<string, string>> StashOf(IDictionary<string, string>? annotations) =>
        annotations is null ? [] : [.. annotations.Where(a => ConversionAnnotations.All.Contains(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal)];

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;
}
