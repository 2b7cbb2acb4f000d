namespace Smi.Core.Diagnostics;

/// <summary>
/// A finding about one object, in the shape of a Kubernetes Event: a CamelCase reason and a
/// human message that says what happens to traffic and what to fix.
/// </summary>
/// <param name="Object">The object concerned.</param>
/// <param name="Severity">Severity.</param>
/// <param name="Reason">CamelCase reason (see <see cref="Reasons"/>).</param>
/// <param name="Message">What is wrong, what the mesh does about it, and what to fix.</param>
public sealed record Diagnostic(ObjectRef Object, Severity Severity, string Reason, string Message);
