using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Smi.Api.Conversion;
using Smi.Api.Model;
using Smi.Api.Validation;
using Smi.Api.Versions;
using Smi.Api.Versions.Common;

namespace Smi.Api.Manifests;

/// <summary>
/// Reads one parsed document (or one item of a <c>kind: List</c>) into a <see cref="LoadedDocument"/>.
/// Every problem with the input becomes a finding with a field path and position; nothing throws.
/// </summary>
internal static class DocumentReader
{
    private const string DefaultNamespace = "default";

    public static IEnumerable<LoadedDocument> Read(string file, YamlDocument document)
    {
        if (document.Root is null)
        {
            return [];
        }

        return Read(file, document, document.Root, string.Empty, null);
    }

    private static IEnumerable<LoadedDocument> Read(string file, YamlDocument document, JsonNode node, string prefix, int? itemIndex)
    {
        var start = prefix.Length == 0 ? document.Start : document.PositionOf(prefix);
        var shell = new LoadedDocument
        {
            File = file,
            Index = document.Index,
            ItemIndex = itemIndex,
            Position = start,
            Namespace = DefaultNamespace,
            Content = LoadedContent.Invalid,
            Source = document,
            PathPrefix = prefix,
        };

        if (node is not JsonObject root)
        {
            var got = node is JsonArray ? "a list" : "a scalar";
            return [Invalid(shell, string.Empty, $"expected a Kubernetes object (a map with apiVersion and kind), got {got}")];
        }

        var apiVersion = Text(root, "apiVersion");
        var kind = Text(root, "kind");
        var meta = root["metadata"] as JsonObject;
        shell = shell with
        {
            ApiVersion = apiVersion,
            Kind = kind,
            Name = meta is null ? null : Text(meta, "name"),
            Namespace = (meta is null ? null : Text(meta, "namespace")) ?? DefaultNamespace,
        };

        if (kind == "List" && root["items"] is JsonArray items)
        {
            return items.SelectMany((item, i) => item is null
                ? []
                : Read(file, document, item, LoadedDocument.Join(prefix, $"items[{i}]"), i));
        }

        if (apiVersion is null || kind is null)
        {
            return [MissingTypeInfo(shell, root, apiVersion, kind)];
        }

        if (!CoreKinds.IsNamespaced(apiVersion, kind))
        {
            shell = shell with { Namespace = string.Empty };
        }

        return [ReadTyped(shell, root, apiVersion, kind)];
    }

    private static LoadedDocument ReadTyped(LoadedDocument shell, JsonObject root, string apiVersion, string kind)
    {
        if (SmiDocumentChecks.IsMetrics(apiVersion))
        {
            return shell with { Content = LoadedContent.Skipped, SkipReason = $"{apiVersion} {kind} is a metrics API response, not a manifest" };
        }

        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        if (SmiApiRegistry.IsSmiGroup(group))
        {
            return ReadSmi(shell, root, apiVersion, kind);
        }

        if (CoreKinds.IsSupported(apiVersion, kind))
        {
            return ReadCore(shell, root, apiVersion, kind);
        }

        return shell with { Content = LoadedContent.Skipped, SkipReason = $"{apiVersion} {kind} is not an SMI object" };
    }

    private static LoadedDocument ReadSmi(LoadedDocument shell, JsonObject root, string apiVersion, string kind)
    {
        var served = SmiApiRegistry.Find(apiVersion, kind);
        if (served is null)
        {
            var findings = new List<ValidationFinding> { ValidationFinding.Error("apiVersion", ServedVersions.Describe(apiVersion, kind)) };
            if (SmiDocumentChecks.IsIdentityBindingDraft(apiVersion, kind))
            {
                findings.AddRange(SmiDocumentChecks.IdentityBindingDraft(root));
            }

            return shell with { Findings = Locate(shell, findings) };
        }

        SmiResource wire;
        try
        {
            wire = served.Deserialize(root);
        }
        catch (JsonException ex)
        {
            var (path, message) = JsonErrorTranslator.Translate(ex, root);
            return Invalid(shell, path, message);
        }

        var hub = served.ToHub(wire);
        if (!hub.IsSuccess)
        {
            return Invalid(shell, hub.ErrorPath ?? string.Empty, hub.Error);
        }

        var checks = new List<ValidationFinding>();
        if (kind == SmiKinds.HttpRouteGroup)
        {
            checks.AddRange(SmiDocumentChecks.HttpRouteGroupLayout(root, apiVersion));
        }
        else if (kind == SmiKinds.TrafficTarget)
        {
            checks.AddRange(SmiDocumentChecks.TrafficTargetPort(root, apiVersion));
        }

        var specific = checks.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        checks.AddRange(UnknownFields.Find(root, served.WireType, SmiJson.Options)
            .Where(path => !specific.Any(s => Related(s, path)))
            .Select(path => ValidationFinding.Warning(path, $"unknown field for {apiVersion} {kind}; the API server drops fields it does not know, so this has no effect")));

        return shell with
        {
            Content = LoadedContent.Smi,
            Smi = hub.Value,
            Namespace = hub.Value.Metadata.Namespace,
            Findings = Locate(shell, checks),
        };
    }

    // One mistake, one finding: a specific layout error covers the unknown-field warnings around it.
    private static bool Related(string a, string b) =>
        a == b || a.StartsWith(b + ".", StringComparison.Ordinal) || b.StartsWith(a + ".", StringComparison.Ordinal);

    private static LoadedDocument ReadCore(LoadedDocument shell, JsonObject root, string apiVersion, string kind)
    {
        IKubernetesObject<V1ObjectMeta> obj;
        try
        {
            obj = CoreKinds.Read(apiVersion, kind, root);
        }
        catch (JsonException ex)
        {
            var (path, message) = JsonErrorTranslator.Translate(ex, root);
            return Invalid(shell, path, message);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // KubernetesClient's converters (quantities, int-or-string) report bad values this way, without a path.
            return Invalid(shell, string.Empty, $"cannot read {apiVersion} {kind}: {ex.Message}");
        }

        obj.Metadata ??= new V1ObjectMeta();
        if (CoreKinds.IsNamespaced(apiVersion, kind) && string.IsNullOrEmpty(obj.Metadata.NamespaceProperty))
        {
            obj.Metadata.NamespaceProperty = DefaultNamespace;
        }

        return shell with { Content = LoadedContent.Kubernetes, Kubernetes = obj };
    }

    private static LoadedDocument MissingTypeInfo(LoadedDocument shell, JsonObject root, string? apiVersion, string? kind)
    {
        if (apiVersion is null && kind is null)
        {
            var path = root.ContainsKey("apiVersion") ? "apiVersion" : root.ContainsKey("kind") ? "kind" : string.Empty;
            return Invalid(shell, path, "not a Kubernetes object: apiVersion and kind are missing (a manifest needs both, as strings)");
        }

        if (apiVersion is null)
        {
            var home = SmiApiRegistry.All.Where(v => v.Kind == kind).Select(v => v.ApiVersion).ToList();
            var hint = home.Count > 0 ? $"; {kind} is served as {string.Join(", ", home)}" : string.Empty;
            return Invalid(shell, "apiVersion", $"required: apiVersion is missing or not a string{hint}");
        }

        return Invalid(shell, "kind", "required: kind is missing or not a string");
    }

    private static LoadedDocument Invalid(LoadedDocument shell, string path, string message) => shell with
    {
        Content = LoadedContent.Invalid,
        Findings = Locate(shell, [ValidationFinding.Error(path, message)]),
    };

    private static ImmutableArray<ManifestFinding> Locate(LoadedDocument shell, IEnumerable<ValidationFinding> findings) =>
        [.. findings.Select(f => new ManifestFinding(f.Severity, shell.FullPath(f.Path), f.Message, shell.PositionOf(f.Path)))];

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;
}
