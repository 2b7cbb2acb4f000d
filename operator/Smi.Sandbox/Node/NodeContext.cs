using Microsoft.Extensions.Logging;
using Smi.Operator.Webhooks.Injection;

namespace Smi.Sandbox.Node;

/// <summary>What every pod on the netns node shares: the node's network, its prober, where state and logs go, and how pods are injected.</summary>
internal sealed record NodeContext(NodeNetwork Network, Prober Prober, string StateDir, InjectionOptions Injection, ILogger Logger)
{
    /// <summary>Where a pod's container logs go: <c>&lt;state&gt;/pods/&lt;namespace&gt;_&lt;pod&gt;/&lt;container&gt;.log</c>.</summary>
    public string LogFile(string podNamespace, string podName, string container) => Path.Combine(StateDir, "pods", $"{podNamespace}_{podName}", container + ".log");
}
