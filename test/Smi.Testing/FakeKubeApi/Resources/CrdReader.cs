using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>
/// Turns a stored <c>apiextensions.k8s.io/v1 CustomResourceDefinition</c> into the resource type it
/// defines, and checks the rules the real API server enforces before accepting a CRD (the ones a
/// CRD author can actually get wrong: the name, the storage version, schemas, scope).
/// </summary>
internal static class CrdReader
{
    public static List<(string Field, string Message)> Validate(JsonObject crd)
    {
        var errors = new List<(string, string)>();
        var spec = crd["spec"] as JsonObject;
        var group = Str(spec?["group"]);
        var names = spec?["names"] as JsonObject;
        var plural = Str(names?["plural"]);
        var name = Str(crd["metadata"]?["name"]);
        if (string.IsNullOrEmpty(group))
        {
            errors.Add(("spec.group", "Required value"));
        }

        if (string.IsNullOrEmpty(plural))
        {
            errors.Add(("spec.names.plural", "Required value"));
        }

        if (string.IsNullOrEmpty(Str(names?["kind"])))
        {
            errors.Add(("spec.names.kind", "Required value"));
        }

        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != $"{plural}.{group}")
        {
            errors.Add(("metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"));
        }

        var scope = Str(spec?["scope"]);
        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(("spec.scope", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\""));
        }

        var versions = spec?["versions"] as JsonArray;
        if (versions is null || versions.Count == 0)
        {
            errors.Add(("spec.versions", "Invalid value: must have exactly one version marked as storage version"));
            return errors;
        }

        var storageCount = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i] as JsonObject;
            var versionName = Str(version?["name"]);
            if (string.IsNullOrEmpty(versionName) || !seen.Add(versionName))
            {
                errors.Add(($"spec.versions[{i}].name", string.IsNullOrEmpty(versionName) ? "Required value" : $"Duplicate value: \"{versionName}\""));
            }

            if (version?["storage"]?.GetValue<bool>() == true)
            {
                storageCount++;
            }

            if (version?["schema"]?["openAPIV3Schema"] is not JsonObject)
            {
                errors.Add(($"spec.versions[{i}].schema.openAPIV3Schema", "Required value: schemas are required"));
            }
        }

        if (storageCount != 1)
        {
            errors.Add(("spec.versions", $"Invalid value: must have exactly one version marked as storage version (found {storageCount})"));
        }

        return errors;
    }

    /// <summary>Reads a CRD that <see cref="Validate"/> accepted.</summary>
    public static ResourceType Read(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var kind = Str(names["kind"])!;
        var versions = spec["versions"]!.AsArray().Select(v => ReadVersion(v!.AsObject())).ToList();
        return new ResourceType(
            Str(spec["group"])!,
            Str(names["plural"])!,
            Str(names["singular"]) ?? kind.ToLowerInvariant(),
            kind,
            Str(spec["scope"]) == "Namespaced",
            Strings(names["shortNames"]),
            Strings(names["categories"]),
            versions)
        {
            Crd = crd,
        };
    }

    /// <summary>The status the real API server reports once a CRD is established.</summary>
    public static JsonObject EstablishedStatus(JsonObject crd, DateTimeOffset now)
    {
        var spec = crd["spec"]!.AsObject();
        var accepted = spec["names"]!.DeepClone().AsObject();
        var kind = Str(accepted["kind"])!;
        accepted["singular"] ??= kind.ToLowerInvariant();
        accepted["listKind"] ??= kind + "List";
        var storage = spec["versions"]!.AsArray().First(v => v?["storage"]?.GetValue<bool>() == true)!["name"]!.GetValue<string>();
        var stored = (crd["status"]?["storedVersions"] as JsonArray)?.Select(v => v!.GetValue<string>()).ToList() ?? [];
        if (!stored.Contains(storage))
        {
            stored.Add(storage);
        }

        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["acceptedNames"] = accepted,
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", time),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", time)),
            ["storedVersions"] = new JsonArray(stored.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string time) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = time,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static ResourceVersion ReadVersion(JsonObject version)
    {
        var columns = (version["additionalPrinterColumns"] as JsonArray)?
            .OfType<JsonObject>()
            .Select(c => new PrinterColumn(
                Str(c["name"]) ?? string.Empty,
                Str(c["type"]) ?? "string",
                Str(c["jsonPath"]) ?? string.Empty,
                Str(c["format"]),
                Str(c["description"]),
                (int)(Storage.Meta.Long(c["priority"]) ?? 0)))
            .ToList() ?? [];
        var scale = version["subresources"]?["scale"] as JsonObject;
        return new ResourceVersion(
            Str(version["name"])!,
            version["served"]?.GetValue<bool>() ?? false,
            version["storage"]?.GetValue<bool>() ?? false,
            version["subresources"]?["status"] is JsonObject,
            columns,
            version["schema"]?["openAPIV3Schema"] as JsonObject)
        {
            Scale = scale is null
                ? null
                : new ScaleSubresource(Str(scale["specReplicasPath"]) ?? ".spec.replicas", Str(scale["statusReplicasPath"]) ?? ".status.replicas", Str(scale["labelSelectorPath"])),
        };
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(Str).OfType<string>().ToList() ?? [];
}
