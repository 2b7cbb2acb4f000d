using System.Net.Security;
using System.Security.Authentication;
using SmiProxy.Configuration;
using SmiProxy.Identity;

namespace SmiProxy.Tls;

/// <summary>
/// The inbound listener's TLS options, built per connection from the current certificate and config
/// (so rotations and permissive switches apply to the next connection): mesh client certificates
/// required unless permissive; ALPN h2, http/1.1 and the proxies' opaque TCP tunnel.
/// </summary>
internal static class InboundTls
{
    public static SslServerAuthenticationOptions ServerOptions(ProxyState state)
    {
        var bundle = state.Certificate ?? throw new AuthenticationException("no proxy certificate is loaded yet");
        var active = state.Active ?? throw new AuthenticationException("no config is loaded yet");
        var permissive = active.Access.Permissive;
        var trustDomain = active.TrustDomain;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = bundle.Context,
            ClientCertificateRequired = true,
            CertificateChainPolicy = MeshTrust.CreatePolicy(MeshTrust.Roots(bundle, active.ExtraTrustAnchors), MeshTrust.ClientAuthOid),
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is null ? permissive : MeshTrust.TryVerifyPeer(certificate, errors, trustDomain, out _, out _),
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11, MeshConnector.TunnelProtocol],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            AllowTlsResume = false,
            AllowRenegotiation = false,
        };
    }
}
