using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.retries</c>.</summary>
public sealed class PolicyRetries
{
    /// <summary>Extra attempts, 0..10.</summary>
    [JsonPropertyName("attempts")]
    public int? Attempts { get; set; }

    /// <summary>Retry budget, 1..100 percent of requests over 10 s.</summary>
    [JsonPropertyName("budgetPercent")]
    public int? BudgetPercent { get; set; }
}
