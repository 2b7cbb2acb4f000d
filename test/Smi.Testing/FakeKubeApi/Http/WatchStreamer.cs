using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.FakeKubeApi.Printing;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Writes;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>
/// A watch response: HTTP 200, then one JSON event per line (<c>{"type":…,"object":…}</c>), each
/// flushed as it happens. Resumes from a resourceVersion out of the event history, answers a
/// too-old version with an ERROR event carrying 410 Expired (exactly what the real server streams),
/// sends BOOKMARKs when asked, and ends cleanly on <c>timeoutSeconds</c>, <c>DropWatches</c> or shutdown.
/// </summary>
internal sealed class WatchStreamer(ResourceWriter writer, TimeSpan bookmarkInterval)
{
    public async Task StreamAsync(HttpContext context, ResourceType type, string version, ApiRoute route, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var filter = ResourceReader.Filter(type, query);
        if (route.Name is not null)
        {
            var name = route.Name;
            var inner = filter;
            filter = o => Meta.Name(o) == name && inner(o);
        }

        var rvText = query["resourceVersion"].ToString();
        var sendInitial = query["sendInitialEvents"] == "true";
        long? from = null;
        if (!sendInitial && rvText.Length > 0 && rvText != "0")
        {
            from = long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
                ? rv
                : throw ApiException.BadRequest($"resourceVersion: Invalid value: \"{rvText}\": must be a non-negative integer");
        }

        var bookmarks = query["allowWatchBookmarks"] == "true";
        var asTable = MediaTypes.WantsTable(context.Request);
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : Timeout.InfiniteTimeSpan;

        context.Response.StatusCode = 200;
        context.Response.ContentType = asTable ? MediaTypes.Table : MediaTypes.Json;
        Watcher watcher;
        try
        {
            watcher = writer.Store.Watch(type.Key, route.Namespace, from, filter);
        }
        catch (ResourceVersionTooOldException tooOld)
        {
            await context.Response.StartAsync(context.RequestAborted);
            var status = ApiException.Gone(tooOld.Message).ToStatus();
            await WriteEventAsync(context, WatchEvent.Error, status);
            return;
        }

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            lifetime.CancelAfter(timeout);
        }

        try
        {
            await context.Response.StartAsync(lifetime.Token);
            await context.Response.Body.FlushAsync(lifetime.Token);
            if (sendInitial && bookmarks)
            {
                writer.Store.Bookmark(watcher, rv => BookmarkObject(type, version, rv, initialEventsEnd: true));
            }

            var first = true;
            while (!lifetime.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                if (bookmarks)
                {
                    wait.CancelAfter(bookmarkInterval);
                }

                bool more;
                try
                {
                    more = await watcher.Events.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                {
                    writer.Store.Bookmark(watcher, rv => BookmarkObject(type, version, rv, initialEventsEnd: false));
                    continue;
                }

                if (!more)
                {
                    break;
                }

                while (watcher.Events.TryRead(out var e))
                {
                    var obj = e.Type == WatchEvent.Bookmark ? e.Object : writer.Converter.ToVersion(type, e.Object, version);
                    if (asTable && e.Type != WatchEvent.Bookmark)
                    {
                        obj = TableConverter.Build(type, version, [obj], Meta.ResourceVersion(obj), null, writer.Now, context.Request.Query["includeObject"], withHeaders: first);
                        first = false;
                    }

                    await WriteEventAsync(context, e.Type, obj);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone or server stopping: the stream just ends, as in the real server.
        }
        catch (ApiException ex)
        {
            // A conversion failure mid-stream is reported in-band, like the real server's watch encoder.
            await WriteEventAsync(context, WatchEvent.Error, ex.ToStatus());
        }
        finally
        {
            writer.Store.StopWatch(watcher);
        }
    }

    private static JsonObject BookmarkObject(ResourceType type, string version, long rv, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersionFor(version), ["metadata"] = metadata };
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        try
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away mid-write.
        }
    }
}
