namespace Smi.Testing.FakeKubeApi;

/// <summary>One request the fake API server received, for assertions.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/api/v1/namespaces/default/configmaps</c>.</param>
/// <param name="Query">Raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Verb">The Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection) or <c>discovery</c>.</param>
/// <param name="StatusCode">The HTTP status the server answered with (200 for a watch that started).</param>
/// <param name="Unhandled">True when the fake does not implement the route (answered 501).</param>
/// <param name="UserAgent">The client's User-Agent (tells kubectl from the C# client).</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string Verb, int StatusCode, bool Unhandled, string? UserAgent)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode} ({Verb}{(Unhandled ? ", UNHANDLED" : string.Empty)})";
}
