namespace Smi.Api.Model;

/// <summary>Retries of idempotent requests.</summary>
/// <param name="Attempts">Extra attempts, 0..10.</param>
/// <param name="BudgetPercent">Retries may add at most this share of requests over 10 s, 1..100; null means no budget.</param>
public sealed record PolicyRetries(int? Attempts, int? BudgetPercent);
