namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>Failures queued by <c>FailNext</c>: each fails the first later request that matches it, once.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(string Verb, string PathPrefix, int Code)> _pending = [];

    public void FailNext(string verb, string pathPrefix, int statusCode)
    {
        lock (_gate)
        {
            _pending.Add((verb, pathPrefix, statusCode));
        }
    }

    /// <summary>Consumes and returns the code of the first fault matching this request, if any.</summary>
    public int? Take(string verb, string path)
    {
        lock (_gate)
        {
            var index = _pending.FindIndex(f => (f.Verb == "*" || string.Equals(f.Verb, verb, StringComparison.OrdinalIgnoreCase)) && path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var code = _pending[index].Code;
            _pending.RemoveAt(index);
            return code;
        }
    }
}
