using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace SmiProxy.Connections;

/// <summary>
/// Makes Kestrel serve a cleartext connection as HTTP/2 (h2c with prior knowledge) on an endpoint
/// that also serves HTTP/1.1. Kestrel picks HTTP/2 on such an endpoint only when TLS negotiated
/// "h2" by ALPN — it reads that from these two connection features and nothing else — so a
/// connection whose first bytes were the HTTP/2 preface gets features saying exactly that. No TLS
/// runs; <see cref="IsMarked"/> lets the request path put the scheme back to <c>http</c>.
/// </summary>
internal sealed class PlaintextHttp2 : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    private static readonly ReadOnlyMemory<byte> H2 = "h2"u8.ToArray();

    public X509Certificate2? ClientCertificate { get; set; }

    public ReadOnlyMemory<byte> ApplicationProtocol => H2;

    public static void Mark(IFeatureCollection features)
    {
        var feature = new PlaintextHttp2();
        features.Set<ITlsConnectionFeature>(feature);
        features.Set<ITlsApplicationProtocolFeature>(feature);
    }

    public static bool IsMarked(IFeatureCollection features) => features.Get<ITlsConnectionFeature>() is PlaintextHttp2;

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
}
