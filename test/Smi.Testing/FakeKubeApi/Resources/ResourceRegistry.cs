using System.Collections.Concurrent;

namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>
/// Every resource type the server currently serves: the built-ins plus one per established CRD.
/// Types are immutable records swapped as a whole when a CRD changes, so readers never see a
/// half-updated type.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly ConcurrentDictionary<string, ResourceType> _byKey = new(StringComparer.Ordinal);

    public ResourceRegistry()
    {
        foreach (var type in BuiltInResources.All)
        {
            _byKey[type.Key] = type;
        }
    }

    public IEnumerable<ResourceType> All => _byKey.Values.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Plural, StringComparer.Ordinal);

    public ResourceType? ByKey(string key) => _byKey.TryGetValue(key, out var type) ? type : null;

    /// <summary>The type serving <paramref name="plural"/> in group/version, or null (unknown or unserved version).</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        _byKey.TryGetValue(string.IsNullOrEmpty(group) ? plural : $"{plural}.{group}", out var type) && type.Served(version) is not null ? type : null;

    /// <summary>Finds a type by group and kind (used by <c>Seed</c>, which only knows apiVersion and kind).</summary>
    public ResourceType? FindByKind(string group, string version, string kind) =>
        _byKey.Values.FirstOrDefault(t => t.Group == group && t.Kind == kind && t.Versions.Any(v => v.Name == version));

    /// <summary>Groups and their served versions, in the order discovery lists them.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        return All
            .GroupBy(t => t.Group, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.SelectMany(t => t.Versions.Where(v => v.Served).Select(v => v.Name)).Distinct().OrderByDescending(VersionPriority).ToList()))
            .Where(g => g.Item2.Count > 0)
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }

    public void Register(ResourceType type) => _byKey[type.Key] = type;

    public void Unregister(string key)
    {
        if (_byKey.TryGetValue(key, out var type) && type.IsCustom)
        {
            _byKey.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Kubernetes version priority: GA before beta before alpha, higher numbers first
    /// (v1 &gt; v1beta2 &gt; v1beta1 &gt; v1alpha4 &gt; v1alpha1), non-conforming names last.
    /// </summary>
    public static long VersionPriority(string version)
    {
        var m = System.Text.RegularExpressions.Regex.Match(version, "^v(\\d+)(?:(alpha|beta)(\\d+))?$");
        if (!m.Success)
        {
            return long.MinValue;
        }

        var major = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stage = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success ? long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (stage * 1_000_000_000L) + (major * 1_000_000L) + minor;
    }
}
