namespace Smi.ProxyConfig.Matching;

/// <summary>Which condition of an HTTP match a request fails, first; <see cref="None"/> when it matches.</summary>
internal enum MatchFailure
{
    None,
    Method,
    Path,
    HeaderMissing,
    HeaderValue,
}
