using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>
/// A set of CRDs, looked up by apiVersion and kind the way the API server routes a request, so that
/// a manifest can be validated against the schema of the version it names.
/// </summary>
public sealed class CrdCatalog
{
    private readonly Dictionary<(string Group, string Kind), CrdDefinition> _byGroupKind;

    /// <summary>Creates a catalog.</summary>
    /// <exception cref="ArgumentException">Two CRDs define the same group and kind.</exception>
    public CrdCatalog(IEnumerable<CrdDefinition> definitions)
    {
        Definitions = [.. definitions];
        _byGroupKind = [];
        foreach (var crd in Definitions)
        {
            if (!_byGroupKind.TryAdd((crd.Group, crd.Kind), crd))
            {
                throw new ArgumentException($"two CRDs define {crd.Kind} in {crd.Group}", nameof(definitions));
            }
        }
    }

    /// <summary>Every CRD.</summary>
    public IReadOnlyList<CrdDefinition> Definitions { get; }

    /// <summary>Loads every CRD in the YAML files of a folder (kustomization files are skipped).</summary>
    public static CrdCatalog LoadDirectory(string directory) =>
        new(Directory.EnumerateFiles(directory, "*.yaml")
            .Where(f => !Path.GetFileName(f).StartsWith("kustomization", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => CrdDefinition.ReadAll(File.ReadAllText(f))));

    /// <summary>Loads every CRD of a YAML stream (e.g. the output of <c>kubectl kustomize</c>).</summary>
    public static CrdCatalog LoadYaml(string yaml) => new(CrdDefinition.ReadAll(yaml));

    /// <summary>The CRD serving a group, or none.</summary>
    public bool HasGroup(string group) => Definitions.Any(d => d.Group == group);

    /// <summary>The CRD and version for an object's apiVersion and kind.</summary>
    public bool TryFind(string apiVersion, string kind, out CrdDefinition? crd, out CrdVersion? version)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var name = apiVersion[(slash + 1)..];
        crd = _byGroupKind.GetValueOrDefault((group, kind));
        version = crd?.Version(name);
        return version is not null;
    }

    /// <summary>
    /// Validates an object against the schema of the version it names. Null when no CRD here
    /// defines that group and kind; an error result when the CRD does not have (or serve) the version.
    /// </summary>
    public CustomResourceValidationResult? Validate(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var apiVersion = Text(resource["apiVersion"]) ?? string.Empty;
        var kind = Text(resource["kind"]) ?? string.Empty;
        if (!TryFind(apiVersion, kind, out var crd, out var version))
        {
            if (crd is null)
            {
                return null;
            }

            var served = string.Join(", ", crd.Versions.Where(v => v.Served).Select(v => $"\"{crd.Group}/{v.Name}\""));
            var error = new FieldError(FieldErrorType.NotSupported, "apiVersion", apiVersion, "supported values: " + served);
            return new CustomResourceValidationResult(resource.DeepClone().AsObject(), [], [], [error]);
        }

        if (!version!.Served)
        {
            var error = new FieldError(FieldErrorType.NotSupported, "apiVersion", apiVersion, $"{crd!.Group}/{version.Name} is not served");
            return new CustomResourceValidationResult(resource.DeepClone().AsObject(), [], [], [error]);
        }

        return version.Validate(resource);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
