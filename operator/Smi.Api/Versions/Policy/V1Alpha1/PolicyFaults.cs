using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.faults</c>.</summary>
public sealed class PolicyFaults
{
    /// <summary>Injected delay.</summary>
    [JsonPropertyName("delay")]
    public PolicyDelayFault? Delay { get; set; }

    /// <summary>Injected abort.</summary>
    [JsonPropertyName("abort")]
    public PolicyAbortFault? Abort { get; set; }
}
