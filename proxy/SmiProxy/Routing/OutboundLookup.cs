namespace SmiProxy.Routing;

/// <summary>The result of resolving a request's authority.</summary>
internal readonly record struct OutboundLookup(OutboundLookupKind Kind, OutboundServiceEntry? Service, OutboundPortEntry? Port, string Target)
{
    public static OutboundLookup Fail(OutboundLookupKind kind, string target) => new(kind, null, null, target);
}
