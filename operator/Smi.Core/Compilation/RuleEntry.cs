using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>A TrafficTarget's compiled rule (null when it grants nothing), its destination, and findings.</summary>
internal sealed record RuleEntry(AccessRule? Rule, ProxyIdentity? Destination, ImmutableArray<PendingDiagnostic> Diagnostics);
