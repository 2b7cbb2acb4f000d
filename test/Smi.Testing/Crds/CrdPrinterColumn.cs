namespace Smi.Testing.Crds;

/// <summary>One <c>additionalPrinterColumns</c> entry of a CRD version.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">string, integer, number, boolean or date.</param>
/// <param name="JsonPath">The JSONPath the column shows (<c>.spec.service</c>).</param>
public sealed record CrdPrinterColumn(string Name, string Type, string JsonPath);
