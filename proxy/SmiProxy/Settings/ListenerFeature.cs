namespace SmiProxy.Settings;

/// <summary>
/// Connection feature naming the listener a connection arrived on. Kestrel falls back to
/// connection features for request feature lookups, so the request pipeline reads it per request.
/// </summary>
internal sealed class ListenerFeature
{
    public static readonly ListenerFeature Outbound = new(ListenerKind.Outbound);
    public static readonly ListenerFeature Inbound = new(ListenerKind.Inbound);
    public static readonly ListenerFeature Admin = new(ListenerKind.Admin);

    private ListenerFeature(ListenerKind kind) => Kind = kind;

    public ListenerKind Kind { get; }
}
