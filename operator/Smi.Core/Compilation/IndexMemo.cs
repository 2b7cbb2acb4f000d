using System.Collections.Immutable;

namespace Smi.Core.Compilation;

/// <summary>
/// Remembers an index built from one snapshot array and hands it back while the next snapshot
/// carries the very same array (ImmutableArray equality is identity of the underlying array): when
/// only EndpointSlices changed, the pod and Service indexes are not rebuilt.
/// </summary>
internal sealed class IndexMemo<T, TIndex>
{
    private ImmutableArray<T> _source;
    private TIndex? _index;

    public TIndex Get(ImmutableArray<T> source, Func<ImmutableArray<T>, TIndex> build)
    {
        if (_index is null || !_source.Equals(source))
        {
            _index = build(source);
            _source = source;
        }

        return _index;
    }
}
