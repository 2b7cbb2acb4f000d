using System.Buffers;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// The inputs a memoized value was computed from. Objects compare by reference (snapshot objects
/// are immutable and replaced when they change), strings by value, numbers and flags by value
/// without boxing. One is built for every memo lookup and most lookups hit, so while it is being
/// built it lives in pooled buffers; <see cref="Memo{TKey, TValue}"/> releases it on a hit and
/// freezes it into exact-size arrays only when it is stored. This keeps an incremental compile from
/// allocating in proportion to the mesh.
/// </summary>
internal sealed class Dependencies
{
    private object?[] _objects = ArrayPool<object?>.Shared.Rent(16);
    private long[] _values = ArrayPool<long>.Shared.Rent(8);
    private int _objectCount;
    private int _valueCount;
    private bool _pooled = true;

    public Dependencies Add(object? item)
    {
        if (_objectCount == _objects.Length)
        {
            _objects = Grow(_objects, _objectCount);
        }

        _objects[_objectCount++] = item;
        return this;
    }

    public Dependencies Add(int value) => AddValue(value);

    /// <summary>Services by value (their names), not by instance, and without boxing.</summary>
    public Dependencies AddKeys(IReadOnlyCollection<ServiceKey> keys)
    {
        foreach (var key in keys)
        {
            Add(key.Namespace).Add(key.Name);
        }

        return AddValue(keys.Count);
    }

    public Dependencies Add(bool value) => AddValue(value ? 1 : 0);

    public Dependencies AddRange<T>(IEnumerable<T> items)
        where T : class?
    {
        var count = 0;
        foreach (var item in items)
        {
            Add(item);
            count++;
        }

        // The count keeps [a, b] + [] distinct from [a] + [b].
        return AddValue(count);
    }

    /// <summary>Same as <see cref="AddRange{T}(IEnumerable{T})"/> without an enumerator.</summary>
    public Dependencies AddRange<T>(ReadOnlySpan<T> items)
        where T : class?
    {
        foreach (var item in items)
        {
            Add(item);
        }

        return AddValue(items.Length);
    }

    public bool SameAs(Dependencies other)
    {
        if (_objectCount != other._objectCount || _valueCount != other._valueCount)
        {
            return false;
        }

        if (!_values.AsSpan(0, _valueCount).SequenceEqual(other._values.AsSpan(0, _valueCount)))
        {
            return false;
        }

        for (var i = 0; i < _objectCount; i++)
        {
            var a = _objects[i];
            var b = other._objects[i];
            if (ReferenceEquals(a, b))
            {
                continue;
            }

            // Strings by value; boxed structs (an ImmutableArray compares its underlying array) by Equals.
            var same = a switch
            {
                string text => b is string bText && string.Equals(text, bText, StringComparison.Ordinal),
                ValueType value => value.Equals(b),
                _ => false,
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Moves the inputs out of the pooled buffers, for keeping in a memo.</summary>
    internal Dependencies Freeze()
    {
        if (_pooled)
        {
            var objects = _objects.AsSpan(0, _objectCount).ToArray();
            var values = _values.AsSpan(0, _valueCount).ToArray();
            Return();
            _objects = objects;
            _values = values;
        }

        return this;
    }

    /// <summary>Gives the pooled buffers back; the instance must not be used afterwards.</summary>
    internal void Release()
    {
        if (_pooled)
        {
            Return();
            _objects = [];
            _values = [];
            _objectCount = 0;
            _valueCount = 0;
        }
    }

    private Dependencies AddValue(long value)
    {
        if (_valueCount == _values.Length)
        {
            _values = Grow(_values, _valueCount);
        }

        _values[_valueCount++] = value;
        return this;
    }

    private T[] Grow<T>(T[] current, int count)
    {
        if (!_pooled)
        {
            // A frozen instance is never added to; tolerate it anyway.
            var copy = new T[Math.Max(4, count * 2)];
            current.AsSpan(0, count).CopyTo(copy);
            return copy;
        }

        var larger = ArrayPool<T>.Shared.Rent(count * 2);
        current.AsSpan(0, count).CopyTo(larger);
        ArrayPool<T>.Shared.Return(current, clearArray: RuntimeHelpersIsReference<T>());
        return larger;
    }

    private void Return()
    {
        ArrayPool<object?>.Shared.Return(_objects, clearArray: true);
        ArrayPool<long>.Shared.Return(_values);
        _pooled = false;
    }

    private static bool RuntimeHelpersIsReference<T>() => System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>();
}
