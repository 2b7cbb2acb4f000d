using System.Net.WebSockets;

namespace Smi.Sandbox.Tests;

/// <summary>Reads whole WebSocket messages in tests, each within a timeout.</summary>
internal static class WebSocketMessages
{
    /// <summary>The next whole message, which must be of type <paramref name="type"/>.</summary>
    public static async Task<byte[]> ReceiveAsync(WebSocket socket, WebSocketMessageType type = WebSocketMessageType.Text, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancel.Token);
            if (received.MessageType != type)
            {
                throw new InvalidOperationException($"expected a {type} message, got {received.MessageType} ({received.CloseStatus} {received.CloseStatusDescription})");
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }
}
