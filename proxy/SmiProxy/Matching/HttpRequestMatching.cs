using Smi.ProxyConfig.Matching;

namespace SmiProxy.Matching;

/// <summary>The contract's evaluators applied to a live request: its method, its path without the query ("/" when empty) and its headers.</summary>
internal static class HttpRequestMatching
{
    public static string PathOf(HttpRequest request) => request.Path.HasValue ? request.Path.Value! : "/";

    /// <summary>Whether <paramref name="matches"/> accepts the request (no matches: every request).</summary>
    public static bool Accepts(this HttpMatchSet matches, HttpRequest request) =>
        matches.Accepts(request.Method, PathOf(request), new RequestHeaders(request.Headers));

    /// <summary>The access decision for a request from <paramref name="source"/> (null: no mesh identity) to container port <paramref name="port"/>.</summary>
    public static AccessVerdict Decide(this AccessRuleSet access, string? source, int port, HttpRequest request) =>
        access.Decide(source, port, request.Method, PathOf(request), new RequestHeaders(request.Headers));
}
