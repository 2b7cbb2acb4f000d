namespace Smi.Api.Model;

/// <summary>L4 protocol of a route.</summary>
public enum L4Protocol
{
    /// <summary>TCP (and everything carried over it, HTTP included).</summary>
    Tcp,

    /// <summary>UDP.</summary>
    Udp,
}
