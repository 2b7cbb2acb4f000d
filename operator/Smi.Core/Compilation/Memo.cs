namespace Smi.Core.Compilation;

/// <summary>
/// Memoization across compiles, keyed by an object key and validated by the identities of the
/// inputs the value was computed from. Inputs are immutable snapshot objects: an unchanged object
/// is the same instance in the next snapshot (informer caches, the local loader keep them), so
/// reference equality is a complete and cheap change test. Entries not used by a compile are
/// dropped at the next <see cref="Advance"/>, so the memo never outgrows the mesh.
/// </summary>
internal sealed class Memo<TKey, TValue>
    where TKey : notnull
{
    private Dictionary<TKey, (Dependencies Inputs, TValue Value)> _previous;
    private Dictionary<TKey, (Dependencies Inputs, TValue Value)> _current;

    public Memo(IEqualityComparer<TKey>? comparer = null)
    {
        _previous = new(comparer);
        _current = new(comparer);
    }

    /// <summary>Hits since the memo was created (for tests and benchmarks).</summary>
    public long Hits { get; private set; }

    /// <summary>Misses since the memo was created.</summary>
    public long Misses { get; private set; }

    /// <summary>
    /// The value computed from <paramref name="inputs"/>: the previous compile's when its inputs were
    /// the same, otherwise a fresh one — unless <paramref name="sameContent"/> says the fresh value
    /// equals the previous one, in which case the previous instance is kept, so that whatever
    /// depends on it by reference stays valid too.
    /// </summary>
    public TValue GetOrCompute(TKey key, Dependencies inputs, Func<TValue> compute, Func<TValue, TValue, bool>? sameContent = null)
    {
        var hasPrevious = _previous.TryGetValue(key, out var cached);
        if (hasPrevious && cached.Inputs.SameAs(inputs))
        {
            Hits++;
            _current[key] = cached;
            inputs.Release();
            return cached.Value;
        }

        if (_current.TryGetValue(key, out var fresh) && fresh.Inputs.SameAs(inputs))
        {
            inputs.Release();
            return fresh.Value;
        }

        Misses++;
        var value = compute();
        if (hasPrevious && sameContent is not null && sameContent(cached.Value, value))
        {
            value = cached.Value;
        }

        _current[key] = (inputs.Freeze(), value);
        return value;
    }

    /// <summary>Ends a compile: what was used becomes what the next compile can reuse.</summary>
    public void Advance()
    {
        _previous = _current;
        _current = new(_previous.Comparer);
    }
}
