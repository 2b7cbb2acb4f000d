namespace Smi.ProxyConfig;

/// <summary>Fault injection for chaos tests; a request may be both delayed and then aborted.</summary>
public sealed record FaultPolicy
{
    /// <summary>Delay a share of the requests before forwarding.</summary>
    public DelayFault? Delay { get; init; }

    /// <summary>Answer a share of the requests with a status instead of forwarding.</summary>
    public AbortFault? Abort { get; init; }
}
