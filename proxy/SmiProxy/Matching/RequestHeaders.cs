using Smi.ProxyConfig.Matching;

namespace SmiProxy.Matching;

/// <summary>
/// A live request's headers as the contract's match evaluator reads them: absent is null, one value
/// is itself, repeated values are joined with "," (as Envoy does). A value type wrapping the
/// request's own dictionary, so matching allocates nothing unless a header repeats.
/// </summary>
internal readonly struct RequestHeaders : IRequestHeaders
{
    private readonly IHeaderDictionary _headers;

    public RequestHeaders(IHeaderDictionary headers) => _headers = headers;

    public string? Get(string name)
    {
        var values = _headers[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0] ?? string.Empty,
            _ => values.ToString(),
        };
    }
}
