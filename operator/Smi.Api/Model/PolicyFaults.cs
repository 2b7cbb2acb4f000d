namespace Smi.Api.Model;

/// <summary>Fault injection for chaos tests.</summary>
/// <param name="Delay">Fixed delay for a share of requests.</param>
/// <param name="Abort">Abort with a status code for a share of requests.</param>
public sealed record PolicyFaults(PolicyDelayFault? Delay, PolicyAbortFault? Abort);
