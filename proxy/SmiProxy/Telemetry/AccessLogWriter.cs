using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using SmiProxy.Settings;

namespace SmiProxy.Telemetry;

/// <summary>
/// Access logs: one JSON line per request, queued on a bounded channel and written by a
/// background task to stdout or <c>--access-log</c>'s file. The request path never waits: when
/// the queue is full (a stalled disk, a flood), lines are dropped and counted.
/// </summary>
internal sealed class AccessLogWriter : BackgroundService
{
    private readonly Channel<byte[]> _lines = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly string? _path;
    private long _dropped;

    public AccessLogWriter(SidecarProxyOptions options) => _path = options.AccessLogPath;

    /// <summary>Lines dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(in AccessLogRecord record, HttpContext context)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("side", record.Side);
            json.WriteString("source", record.Source);
            json.WriteString("destination", record.Destination);
            json.WriteString("service", record.Service);
            json.WriteString("backend", record.Backend);
            json.WriteString("route", record.Route);
            json.WriteString("method", context.Request.Method);
            json.WriteString("path", context.Request.Path.HasValue ? context.Request.Path.Value : "/");
            json.WriteNumber("status", context.Response.StatusCode);
            json.WriteNumber("durationMs", Math.Round(record.DurationMs, 3));
            json.WriteNumber("bytesReceived", context.Request.ContentLength ?? 0);
            json.WriteNumber("bytesSent", context.Response.ContentLength ?? 0);
            var traceparent = context.Request.Headers["traceparent"].ToString();
            json.WriteString("traceId", traceparent.Length >= 35 ? traceparent.Substring(3, 32) : null);
            json.WriteString("policy", record.Policy);
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        if (!_lines.Writer.TryWrite(buffer.WrittenSpan.ToArray()))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Stream output = _path is null ? Console.OpenStandardOutput() : new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 64 * 1024, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            try
            {
                while (await _lines.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    while (_lines.Reader.TryRead(out var line))
                    {
                        await output.WriteAsync(line, stoppingToken).ConfigureAwait(false);
                    }

                    await output.FlushAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

}
