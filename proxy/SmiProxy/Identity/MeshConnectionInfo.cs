namespace SmiProxy.Identity;

/// <summary>
/// What the connect callback needs to know about the endpoint a request goes to, carried in the
/// outgoing request's options (the callback sees the request that opened the connection).
/// </summary>
/// <param name="ExpectedSpiffeId">The SPIFFE ID the server must present; null for an unmeshed (plaintext) endpoint.</param>
/// <param name="ConnectTimeout">TCP connect plus TLS handshake budget.</param>
/// <param name="TrustDomain">The mesh trust domain.</param>
internal sealed record MeshConnectionInfo(string? ExpectedSpiffeId, TimeSpan ConnectTimeout, string TrustDomain)
{
    public static readonly HttpRequestOptionsKey<MeshConnectionInfo> Key = new("smi.connection");
}
