namespace Smi.Sandbox.Tests.Flagger;

/// <summary>One request of the load: when it finished, its status (0 = no response) and the pod that answered.</summary>
internal readonly record struct LoadOutcome(long Timestamp, int Status, string? Pod, string? Error);
