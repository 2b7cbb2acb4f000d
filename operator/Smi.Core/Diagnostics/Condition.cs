namespace Smi.Core.Diagnostics;

/// <summary>A status condition (metav1.Condition without the timestamp, which the writer adds).</summary>
/// <param name="Type">Condition type (<see cref="ConditionTypes"/>).</param>
/// <param name="Status">True or False.</param>
/// <param name="Reason">CamelCase reason.</param>
/// <param name="Message">Human message.</param>
public sealed record Condition(string Type, bool Status, string Reason, string Message);
