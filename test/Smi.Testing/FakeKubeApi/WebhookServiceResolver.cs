namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// Maps a webhook's <c>clientConfig.service</c> (a Service in the cluster, unreachable from a test)
/// to a base address on this machine, e.g. <c>https://127.0.0.1:7443</c>; the webhook's path is
/// appended. Return null for services that do not exist (the call then fails like an unreachable
/// webhook and the webhook's failurePolicy applies).
/// </summary>
public delegate Uri? WebhookServiceResolver(string @namespace, string name, int port);
