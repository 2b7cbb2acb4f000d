using Smi.ProxyConfig;

namespace SmiProxy.Identity;

/// <summary>A verified peer: the identity and SPIFFE ID from its client certificate.</summary>
/// <param name="Identity">"namespace/serviceaccount".</param>
/// <param name="SpiffeId">The full SPIFFE ID, forwarded to the app as <c>x-smi-client-id</c>.</param>
internal sealed record PeerIdentity(ProxyIdentity Identity, string SpiffeId);
