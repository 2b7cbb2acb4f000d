using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>
/// One open watch: the events that pass its scope and selectors, in resourceVersion order.
/// The store writes to it under its lock; the HTTP handler drains it.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<JsonObject, bool> _matches;

    public Watcher(string typeKey, string? ns, Func<JsonObject, bool> matches)
    {
        TypeKey = typeKey;
        Namespace = ns;
        _matches = matches;
    }

    public string TypeKey { get; }

    public string? Namespace { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    /// <summary>The newest resourceVersion handed to this watcher (bookmarks never go backwards).</summary>
    public long LastResourceVersion { get; private set; }

    /// <summary>Delivers <paramref name="e"/> translated for this watcher's selectors, or nothing if it is out of scope.</summary>
    public void Offer(WatchEvent e)
    {
        if (e.TypeKey != TypeKey)
        {
            return;
        }

        var translated = Translate(e);
        if (translated is not null)
        {
            Send(translated);
        }
    }

    public void Send(WatchEvent e)
    {
        LastResourceVersion = Math.Max(LastResourceVersion, e.ResourceVersion);
        _events.Writer.TryWrite(e);
    }

    public void Complete() => _events.Writer.TryComplete();

    private WatchEvent? Translate(WatchEvent e)
    {
        var now = InScope(e.Object);
        switch (e.Type)
        {
            case WatchEvent.Added:
                return now ? e : null;
            case WatchEvent.Deleted:
                return now ? e : null;
            default:
                var before = e.OldObject is not null && InScope(e.OldObject);
                if (now && before)
                {
                    return e;
                }

                if (now)
                {
                    return e with { Type = WatchEvent.Added };
                }

                if (before)
                {
                    // Left the selector: the watch cache reports the previous content as deleted,
                    // stamped with this event's resourceVersion.
                    var old = (JsonObject)e.OldObject!.DeepClone();
                    old["metadata"]!["resourceVersion"] = e.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return e with { Type = WatchEvent.Deleted, Object = old };
                }

                return null;
        }
    }

    private bool InScope(JsonObject obj) =>
        (Namespace is null || obj["metadata"]?["namespace"]?.GetValue<string>() == Namespace) && _matches(obj);
}
