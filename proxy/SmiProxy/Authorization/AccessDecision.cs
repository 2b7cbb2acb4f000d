namespace SmiProxy.Authorization;

/// <summary>The outcome of evaluating the access rules for one request.</summary>
/// <param name="Allowed">Whether the request may reach the app.</param>
/// <param name="Explanation">For a denial, why (names the rules that know the source, if any); for an allow, the rule or mode that allowed it.</param>
internal readonly record struct AccessDecision(bool Allowed, string Explanation);
