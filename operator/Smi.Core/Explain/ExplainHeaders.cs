using System.Collections.Immutable;
using Smi.ProxyConfig.Matching;

namespace Smi.Core.Explain;

/// <summary>An <see cref="ExplainRequest"/>'s headers as the shared match evaluator reads them (names case-insensitive).</summary>
internal readonly struct ExplainHeaders : IRequestHeaders
{
    private readonly ImmutableDictionary<string, string> _headers;

    public ExplainHeaders(ImmutableDictionary<string, string> headers) => _headers = headers;

    public string? Get(string name) =>
        _headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
