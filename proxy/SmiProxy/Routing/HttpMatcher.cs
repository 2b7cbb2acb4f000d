using System.Text.RegularExpressions;

namespace SmiProxy.Routing;

/// <summary>
/// A compiled <see cref="Smi.ProxyConfig.HttpRouteMatch"/>: every condition present must hold. The
/// regexes are the compiler's, already anchored; they run on the normalized request path (no
/// query) and on each header's value (repeated headers joined with ",", as Envoy does).
/// </summary>
internal sealed class HttpMatcher
{
    private readonly Regex? _path;
    private readonly string[] _methods;
    private readonly (string Name, Regex Value)[] _headers;

    public HttpMatcher(string origin, Regex? path, string[] methods, (string Name, Regex Value)[] headers)
    {
        Origin = origin;
        _path = path;
        _methods = methods;
        _headers = headers;
    }

    /// <summary>Where the match comes from (for reasons and explain output).</summary>
    public string Origin { get; }

    public bool Matches(HttpRequest request)
    {
        if (_methods.Length > 0 && Array.IndexOf(_methods, request.Method) < 0)
        {
            return false;
        }

        if (_path is not null && !_path.IsMatch(request.Path.HasValue ? request.Path.Value! : "/"))
        {
            return false;
        }

        foreach (var (name, value) in _headers)
        {
            var values = request.Headers[name];
            if (values.Count == 0 || !value.IsMatch(values.Count == 1 ? values[0] ?? string.Empty : values.ToString()))
            {
                return false;
            }
        }

        return true;
    }
}
