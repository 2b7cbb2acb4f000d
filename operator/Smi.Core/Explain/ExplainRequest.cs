using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Explain;

/// <summary>"Where does this request go, and is it allowed?"</summary>
/// <param name="From">The calling identity.</param>
/// <param name="To">What the caller addresses: <c>service[.namespace][.svc[.cluster-domain]][:port]</c>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path (a query string is ignored for matching, as proxies do).</param>
/// <param name="Headers">Request headers (names case-insensitive).</param>
public sealed record ExplainRequest(ProxyIdentity From, string To, string Method, string Path, ImmutableDictionary<string, string> Headers);
