using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using System.Net.Security;
using System.Net.Sockets;

namespace SmiProxy.Connections;

/// <summary>
/// Carries an opaque TCP connection: bytes each way until both sides are done, with half-close
/// passed through (a client that shuts down its sending side lets the server finish answering, as
/// HTTP/1.0 and many database clients expect). Counts bytes for the TCP metrics.
/// </summary>
internal static class TcpSplice
{
    private const int BufferSize = 16 * 1024;

    /// <summary>Runs until both directions end or either fails; returns bytes sent upstream and received from it.</summary>
    public static async Task<(long Sent, long Received)> RunAsync(IDuplexPipe client, Stream upstream, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sent = 0L;
        var received = 0L;
        var toUpstream = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var result = await client.Input.ReadAsync(failed.Token).ConfigureAwait(false);
                    foreach (var segment in result.Buffer)
                    {
                        await upstream.WriteAsync(segment, failed.Token).ConfigureAwait(false);
                        sent += segment.Length;
                    }

                    client.Input.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        break;
                    }

                    await upstream.FlushAsync(failed.Token).ConfigureAwait(false);
                }

                await upstream.FlushAsync(failed.Token).ConfigureAwait(false);
                await ShutdownSendAsync(upstream).ConfigureAwait(false);
            }
            catch
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }, CancellationToken.None);
        var toClient = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var memory = client.Output.GetMemory(BufferSize);
                    var read = await upstream.ReadAsync(memory, failed.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    client.Output.Advance(read);
                    received += read;
                    var flush = await client.Output.FlushAsync(failed.Token).ConfigureAwait(false);
                    if (flush.IsCompleted)
                    {
                        break;
                    }
                }

                await client.Output.CompleteAsync().ConfigureAwait(false);
            }
            catch
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await Task.WhenAll(toUpstream, toClient).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ConnectionResetException)
        {
            // A reset or an abort on either side ends the connection: the caller closes both.
        }

        return (sent, received);
    }

    private static async ValueTask ShutdownSendAsync(Stream upstream)
    {
        switch (upstream)
        {
            case NetworkStream network:
                network.Socket.Shutdown(SocketShutdown.Send);
                break;
            case SslStream ssl:
                // close_notify ends this direction; the peer proxy passes it on as a FIN to its app.
                await ssl.ShutdownAsync().ConfigureAwait(false);
                break;
        }
    }
}
