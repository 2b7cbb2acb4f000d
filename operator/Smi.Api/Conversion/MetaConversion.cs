using System.Collections.Immutable;
using k8s.Models;
using Smi.Api.Model;

namespace Smi.Api.Conversion;

/// <summary>Metadata between KubernetesClient's <see cref="V1ObjectMeta"/> and the hub's <see cref="ObjectMeta"/>.</summary>
internal static class MetaConversion
{
    /// <summary>The namespace a manifest without one is read into, as kubectl does.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>Hub metadata; our conversion annotations are left out (they are read through <paramref name="stash"/>).</summary>
    public static ObjectMeta ToHub(V1ObjectMeta? meta, out IReadOnlyDictionary<string, string> stash)
    {
        var annotations = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var stashed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in meta?.Annotations ?? new Dictionary<string, string>())
        {
            if (ConversionAnnotations.All.Contains(key))
            {
                stashed[key] = value;
            }
            else
            {
                annotations[key] = value;
            }
        }

        stash = stashed;
        return new ObjectMeta
        {
            Name = meta?.Name ?? string.Empty,
            Namespace = string.IsNullOrEmpty(meta?.NamespaceProperty) ? DefaultNamespace : meta.NamespaceProperty,
            Uid = meta?.Uid,
            Generation = meta?.Generation ?? 0,
            CreationTimestamp = meta?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            Labels = (meta?.Labels ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal),
            Annotations = annotations.ToImmutable(),
        };
    }

    /// <summary>Wire metadata from the hub, with the conversion annotations a down-conversion produced.</summary>
    public static V1ObjectMeta FromHub(ObjectMeta meta, IReadOnlyDictionary<string, string> stash)
    {
        var annotations = new Dictionary<string, string>(meta.Annotations, StringComparer.Ordinal);
        foreach (var (key, value) in stash)
        {
            annotations[key] = value;
        }

        return new V1ObjectMeta
        {
            Name = meta.Name,
            NamespaceProperty = meta.Namespace,
            Uid = meta.Uid,
            Generation = meta.Generation == 0 ? null : meta.Generation,
            CreationTimestamp = meta.CreationTimestamp?.UtcDateTime,
            Labels = meta.Labels.Count == 0 ? null : new Dictionary<string, string>(meta.Labels, StringComparer.Ordinal),
            Annotations = annotations.Count == 0 ? null : annotations,
        };
    }
}
