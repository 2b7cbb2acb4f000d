using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using SmiProxy.Identity;

namespace SmiProxy.Intercept;

/// <summary>The verified mesh identity of a TLS connection's peer, read from its client certificate.</summary>
internal static class ConnectionIdentity
{
    public static PeerIdentity? Of(ConnectionContext connection, string trustDomain) =>
        connection.Features.Get<ITlsConnectionFeature>()?.ClientCertificate is X509Certificate2 certificate
        && MeshTrust.TryVerifyPeer(certificate, System.Net.Security.SslPolicyErrors.None, trustDomain, out var identity, out var spiffeId)
            ? new PeerIdentity(identity, spiffeId)
            : null;
}
