namespace Smi.Testing.FakeKubeApi.Resources;

/// <summary>One <c>additionalPrinterColumns</c> entry of a CRD version.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string? Format, string? Description, int Priority);
