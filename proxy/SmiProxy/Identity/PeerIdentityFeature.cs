using System.Net.Security;
using Microsoft.AspNetCore.Http.Features;
using SmiProxy.Telemetry;

namespace SmiProxy.Identity;

/// <summary>
/// Per inbound connection: whether it is TLS, and the peer identity, parsed once from the client
/// certificate on the connection's first request and reused for the rest of it.
/// </summary>
internal sealed class PeerIdentityFeature
{
    private PeerIdentity? _peer;
    private bool _resolved;

    public PeerIdentityFeature(bool isTls) => IsTls = isTls;

    public bool IsTls { get; }

    /// <summary>
    /// The labels built for this connection's previous request and the raw header values they came
    /// from: a peer proxy sends the same workload and pod on every request of a connection.
    /// </summary>
    public (string Workload, string Pod, PeerLabels Labels)? LastLabels { get; set; }

    /// <summary>The verified peer, or null for plaintext and certificate-less TLS connections.</summary>
    public PeerIdentity? Resolve(HttpContext context, string trustDomain)
    {
        if (_resolved)
        {
            return _peer;
        }

        var certificate = context.Features.Get<ITlsConnectionFeature>()?.ClientCertificate;
        if (IsTls && certificate is not null
            && MeshTrust.TryVerifyPeer(certificate, SslPolicyErrors.None, trustDomain, out var identity, out var spiffeId))
        {
            // The handshake already verified the chain against the mesh roots; this reads the identity.
            _peer = new PeerIdentity(identity, spiffeId);
        }

        _resolved = true;
        return _peer;
    }
}
