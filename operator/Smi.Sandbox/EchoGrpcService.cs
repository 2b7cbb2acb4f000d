using Grpc.Core;
using Smi.Sandbox.Echo.V1;

namespace Smi.Sandbox;

/// <summary>
/// <c>smi.echo.v1.Echo</c> on the echo app's h2c ports: every reply names the pod that answered
/// and carries what arrived (authority, headers). The pod's <see cref="EchoBehaviour"/> applies as
/// to HTTP: latency before each call, and the failure schedule answering a share of calls with
/// status INTERNAL (a whole stream fails, before its first reply).
/// </summary>
internal sealed class EchoGrpcService(EchoIdentity identity, EchoBehaviour behaviour, FailureSchedule failures) : Echo.V1.Echo.EchoBase
{
    public override async Task<EchoReply> Say(EchoRequest request, ServerCallContext context)
    {
        await BehaveAsync(context).ConfigureAwait(false);
        return Reply(request.Message, 0, context);
    }

    public override async Task Stream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await BehaveAsync(context).ConfigureAwait(false);
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(Reply(request.Message, i, context), context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task BehaveAsync(ServerCallContext context)
    {
        if (behaviour.LatencyMs > 0)
        {
            await Task.Delay(behaviour.LatencyMs, context.CancellationToken).ConfigureAwait(false);
        }

        if (failures.NextFails())
        {
            throw new RpcException(new Status(StatusCode.Internal, $"{identity.Pod}: failing by its failure rate ({EchoBehaviour.FailureRateAnnotation})"));
        }
    }

    private EchoReply Reply(string message, int index, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var reply = new EchoReply
        {
            Message = message,
            Pod = identity.Pod,
            Namespace = identity.Namespace,
            ServiceAccount = identity.ServiceAccount,
            Port = http.Connection.LocalPort,
            Authority = http.Request.Host.Value ?? string.Empty,
            Index = index,
        };
        foreach (var header in http.Request.Headers)
        {
            reply.Headers[header.Key.ToLowerInvariant()] = header.Value.ToString();
        }

        return reply;
    }
}
