using System.Collections.Immutable;
using k8s;
using k8s.Models;

namespace Smi.Operator.Runtime;

/// <summary>
/// Maps an informer's cache to the compiler's records, keeping the mapped record of an object
/// whose resourceVersion did not change — and the whole array while the cache did not change — so
/// that the incremental compiler recognises unchanged inputs by reference.
/// </summary>
internal sealed class MappedCache<TSource, TTarget>(Func<TSource, IEnumerable<TTarget>> map)
    where TSource : class, IKubernetesObject<V1ObjectMeta>
    where TTarget : class
{
    private ImmutableDictionary<string, TSource>? _lastItems;
    private Dictionary<string, (string? Version, TTarget[] Mapped)> _mapped = new(StringComparer.Ordinal);
    private ImmutableArray<TTarget> _lastArray = [];

    public ImmutableArray<TTarget> Map(ImmutableDictionary<string, TSource> items)
    {
        if (ReferenceEquals(items, _lastItems))
        {
            return _lastArray;
        }

        var next = new Dictionary<string, (string? Version, TTarget[] Mapped)>(items.Count, StringComparer.Ordinal);
        var array = ImmutableArray.CreateBuilder<TTarget>(items.Count);
        foreach (var (key, item) in items.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var version = item.Metadata.ResourceVersion;
            if (!_mapped.TryGetValue(key, out var entry) || entry.Version != version || version is null)
            {
                entry = (version, [.. map(item)]);
            }

            next[key] = entry;
            array.AddRange(entry.Mapped);
        }

        _mapped = next;
        _lastItems = items;
        _lastArray = array.ToImmutable();
        return _lastArray;
    }
}
