using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>One version of a resource as a CRD (or the built-in table) declares it.</summary>
/// <param name="Name">The version, e.g. <c>v1alpha4</c>.</param>
/// <param name="Served">Whether the API serves it; unserved versions answer 404.</param>
/// <param name="Storage">Whether objects are stored in it (exactly one version per resource).</param>
/// <param name="HasStatus">Whether the <c>/status</c> subresource is enabled for it.</param>
/// <param name="Columns">Printer columns of a custom resource version; empty means NAME + AGE.</param>
/// <param name="Schema">The version's <c>openAPIV3Schema</c>, if any (handed to the validation hook).</param>
internal sealed record ResourceVersion(string Name, bool Served, bool Storage, bool HasStatus, IReadOnlyList<PrinterColumn> Columns, JsonObject? Schema)
{
    /// <summary>The <c>/scale</c> subresource, if enabled.</summary>
    public ScaleSubresource? Scale { get; init; }

    public static ResourceVersion BuiltIn(string name, bool hasStatus, bool hasScale = false) =>
        new(name, true, true, hasStatus, [], null) { Scale = hasScale ? ScaleSubresource.Workload : null };
}
