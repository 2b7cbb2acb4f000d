namespace Smi.ProxyConfig.Matching;

/// <summary>What one access rule says about a request, in the order its conditions are checked.</summary>
internal enum AccessOutcome
{
    /// <summary>The caller is not among the rule's sources.</summary>
    OtherSource,

    /// <summary>The rule knows the caller but admits only UDP, which the proxy does not carry.</summary>
    UdpOnly,

    /// <summary>The rule knows the caller but not this container port.</summary>
    OtherPort,

    /// <summary>The rule knows the caller and port but none of its HTTP matches accepts the request.</summary>
    OtherRoute,

    /// <summary>The rule allows the request.</summary>
    Allowed,
}
