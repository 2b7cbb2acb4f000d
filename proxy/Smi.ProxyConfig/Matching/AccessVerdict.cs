namespace Smi.ProxyConfig.Matching;

/// <summary>An access decision and why (a value: deciding allocates nothing when it allows).</summary>
/// <param name="Allowed">Whether the request may reach the app.</param>
/// <param name="Rule">The rule that allowed it, if one did.</param>
/// <param name="Reason">One line: the rule or mode that allowed it, or why nothing did.</param>
public readonly record struct AccessVerdict(bool Allowed, AccessRule? Rule, string Reason);
