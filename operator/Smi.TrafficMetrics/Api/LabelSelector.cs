namespace Smi.TrafficMetrics.Api;

/// <summary>An equality-based label selector (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, comma-separated).</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    public static LabelSelector? Parse(string text, out string? error)
    {
        error = null;
        var selector = new LabelSelector();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Contains(" in ", StringComparison.Ordinal) || raw.Contains(" notin ", StringComparison.Ordinal) || raw.Contains('(', StringComparison.Ordinal))
            {
                error = $"labelSelector \"{text}\": set-based requirements (in, notin) are not supported; use key=value, key!=value, key or !key";
                return null;
            }

            var notEqual = raw.IndexOf("!=", StringComparison.Ordinal);
            var equal = raw.IndexOf('=', StringComparison.Ordinal);
            if (notEqual > 0)
            {
                var (key, value) = (raw[..notEqual].Trim(), raw[(notEqual + 2)..].Trim());
                selector._requirements.Add(labels => !labels.TryGetValue(key, out var v) || v != value);
            }
            else if (equal > 0)
            {
                var key = raw[..equal].Trim();
                var value = raw[(equal + (raw.AsSpan(equal).StartsWith("==") ? 2 : 1))..].Trim();
                selector._requirements.Add(labels => labels.TryGetValue(key, out var v) && v == value);
            }
            else if (raw.StartsWith('!'))
            {
                var key = raw[1..].Trim();
                selector._requirements.Add(labels => !labels.ContainsKey(key));
            }
            else if (equal < 0 && raw.Length > 0)
            {
                selector._requirements.Add(labels => labels.ContainsKey(raw));
            }
            else
            {
                error = $"labelSelector \"{text}\": \"{raw}\" has no key";
                return null;
            }
        }

        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));
}
