namespace Smi.Core.Compilation;

/// <summary>
/// The inputs a memoized value was computed from. Objects compare by reference (snapshot objects
/// are immutable and replaced when they change), strings by value, numbers and flags by value
/// without boxing (this is built for every memo lookup, so it must stay cheap).
/// </summary>
internal sealed class Dependencies
{
    private readonly List<object?> _objects = [];
    private readonly List<long> _values = [];

    public Dependencies Add(object? item)
    {
        _objects.Add(item);
        return this;
    }

    public Dependencies Add(int value)
    {
        _values.Add(value);
        return this;
    }

    public Dependencies Add(bool value)
    {
        _values.Add(value ? 1 : 0);
        return this;
    }

    public Dependencies AddRange<T>(IEnumerable<T> items)
        where T : class?
    {
        var count = 0;
        foreach (var item in items)
        {
            _objects.Add(item);
            count++;
        }

        // The count keeps [a, b] + [] distinct from [a] + [b].
        _values.Add(count);
        return this;
    }

    public bool SameAs(Dependencies other)
    {
        if (_objects.Count != other._objects.Count || _values.Count != other._values.Count)
        {
            return false;
        }

        for (var i = 0; i < _values.Count; i++)
        {
            if (_values[i] != other._values[i])
            {
                return false;
            }
        }

        for (var i = 0; i < _objects.Count; i++)
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
}
