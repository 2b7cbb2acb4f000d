using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Smi.Sandbox;

/// <summary>
/// The echo app's WebSocket endpoint: the first message (text) is the JSON description of who
/// answered and what the upgrade request carried, as the HTTP echo gives it (so a test can tell
/// which pod it reached and with which identity); then every frame comes back as it arrived, same
/// type, same message boundaries, until the client closes. Not counted by the failure schedule.
/// </summary>
internal static class EchoWebSocket
{
    public const string Path = "/ws";

    public static async Task RunAsync(HttpContext context, EchoIdentity identity)
    {
        var cancellationToken = context.RequestAborted;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var hello = JsonSerializer.SerializeToUtf8Bytes(EchoApp.Describe(context, identity), EchoJson.Options);
        await socket.SendAsync(hello, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(received.CloseStatus ?? WebSocketCloseStatus.NormalClosure, received.CloseStatusDescription, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake.
        }
    }
}
