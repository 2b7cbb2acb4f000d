using System.Collections.Immutable;

namespace Smi.Core.Compilation;

/// <summary>A Service's outbound fragment and the findings raised while building it.</summary>
internal sealed record FragmentEntry(ServiceFragment Fragment, ImmutableArray<PendingDiagnostic> Diagnostics);
