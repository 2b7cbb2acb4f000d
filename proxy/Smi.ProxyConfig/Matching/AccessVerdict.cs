namespace Smi.ProxyConfig.Matching;

/// <summary>An access decision and why.</summary>
/// <param name="Allowed">Whether the request may reach the app.</param>
/// <param name="Rule">The rule that allowed it, if one did.</param>
/// <param name="Reason">One line: the rule or mode that allowed it, or why nothing did.</param>
public sealed record AccessVerdict(bool Allowed, AccessRule? Rule, string Reason);
