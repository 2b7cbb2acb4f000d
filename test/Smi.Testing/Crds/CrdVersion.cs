using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Smi.Testing.Crds;

/// <summary>One entry of a CRD's <c>spec.versions</c>.</summary>
public sealed class CrdVersion
{
    /// <summary>The version name (<c>v1alpha4</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Whether the API serves it.</summary>
    public required bool Served { get; init; }

    /// <summary>Whether objects are stored in it (exactly one version per CRD).</summary>
    public required bool Storage { get; init; }

    /// <summary>Its structural schema.</summary>
    public required StructuralSchema Schema { get; init; }

    /// <summary>Whether it has the status subresource.</summary>
    public required bool HasStatusSubresource { get; init; }

    /// <summary>Its printer columns.</summary>
    public required ImmutableArray<CrdPrinterColumn> PrinterColumns { get; init; }

    /// <summary>Prunes and validates a copy of <paramref name="resource"/> against this version's schema.</summary>
    public CustomResourceValidationResult Validate(JsonObject resource) => CustomResourceValidator.Validate(resource, Schema);

    /// <inheritdoc />
    public override string ToString() => Name;
}
