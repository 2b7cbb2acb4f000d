using System.Text.Json.Nodes;
using Smi.Core.Diagnostics;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// The status of one SMI object as server-side apply sends it to the status subresource: apiVersion,
/// kind, name and namespace, and the <c>status</c> the operator owns.
/// </summary>
/// <param name="Object">The object, for logs.</param>
/// <param name="Group">Its API group.</param>
/// <param name="Version">The version the status is written in (the storage version the informers read).</param>
/// <param name="Plural">Its resource.</param>
/// <param name="Body">The applied configuration.</param>
/// <param name="ResourceVersion">The resourceVersion of the object the status was computed against (not sent: apply needs no precondition).</param>
internal sealed record StatusApply(ObjectRef Object, string Group, string Version, string Plural, JsonObject Body, string? ResourceVersion);
