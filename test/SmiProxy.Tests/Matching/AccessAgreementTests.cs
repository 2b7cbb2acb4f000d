using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Smi.ProxyConfig;
using Smi.ProxyConfig.Matching;
using SmiProxy.Configuration;
using SmiProxy.Matching;
using SmiProxy.Settings;

namespace SmiProxy.Tests.Matching;

/// <summary>
/// The proxy's access decision (its compiled config, on a live request, worded for a 403) must be
/// the one <c>explain</c> prints (<see cref="AccessRuleSet.Explain"/>, on an explain request) for
/// any rules and any request: one evaluator, fed two ways.
/// </summary>
public sealed class AccessAgreementTests
{
    private static readonly string[] Sources = ["demo/client", "demo/other", "prod/client"];
    private static readonly int[] Ports = [8080, 9090, 7070];
    private static readonly string[] Methods = ["GET", "POST", "DELETE"];
    private static readonly string[] Paths = ["/", "/api", "/api/v1/items", "/metrics", "/apix"];
    private static readonly string?[] UserAgents = [null, "curl/8", "Mozilla Firefox/120"];
    private static readonly SidecarProxyOptions Options = new() { ConfigDirectory = "/unused" };

    [Fact]
    public void Decide_AnyRulesAnyRequest_AgreesWithSharedEvaluator()
    {
        var match =
            from path in Gen.Elements<string?>(null, "^(?:/api)", "^(?:/metrics)$")
            from methods in Gen.Elements<string[]>([], ["GET"], ["GET", "POST"])
            from agent in Gen.Elements<string?>(null, "^(?:.*Firefox.*)$")
            select new HttpRouteMatch
            {
                Origin = "HTTPRouteGroup demo/g#m",
                PathRegex = path,
                Methods = [.. methods],
                Headers = agent is null ? [] : [new HeaderCondition("user-agent", agent)],
            };
        var rule =
            from sources in Gen.SubListOf(Sources).Where(s => s.Count > 0)
            from ports in Gen.SubListOf(Ports)
            from matches in match.ListOf()
            from udpOnly in Gen.Elements(false, false, true)
            select new AccessRule { Origin = "TrafficTarget demo/t", Sources = [.. sources], Ports = [.. ports], HttpMatches = [.. matches.Take(2)], UdpOnly = udpOnly };
        var scenario =
            from rules in rule.ListOf()
            from source in Gen.Elements<string?>([.. Sources, null])
            from port in Gen.Elements(Ports)
            from method in Gen.Elements(Methods)
            from path in Gen.Elements(Paths)
            from userAgent in Gen.Elements(UserAgents)
            select (Rules: rules.Take(3).ToArray(), Source: source, Port: port, Method: method, Path: path, UserAgent: userAgent);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var (rules, source, port, method, path, userAgent) = s;
            var inbound = new InboundConfig { Rules = [.. rules] };
            var document = new MeshProxyConfig
            {
                Identity = new ProxyIdentity("demo", "web"),
                Mesh = new MeshSettings(),
                Inbound = inbound,
                Outbound = new OutboundConfig(),
            };
            var access = ConfigCompiler.Compile(document, "r", "test", null, Options, DateTimeOffset.UnixEpoch).Access;
            var context = new DefaultHttpContext();
            context.Request.Method = method;
            context.Request.Path = path;
            if (userAgent is not null)
            {
                context.Request.Headers.UserAgent = userAgent;
            }

            var proxy = access.Decide(source, port, context.Request).Allowed;
            var explained = AccessRuleSet.Compile(inbound, new RegexCache()).Explain(document.Identity, source, port, method, path, new UserAgentOnly(userAgent)).Allowed;
            return proxy == explained;
        }).QuickCheckThrowOnFailure();
    }

    private readonly struct UserAgentOnly(string? userAgent) : IRequestHeaders
    {
        public string? Get(string name) => name == "user-agent" ? userAgent : null;
    }
}
