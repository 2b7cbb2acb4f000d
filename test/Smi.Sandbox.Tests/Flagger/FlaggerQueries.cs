namespace Smi.Sandbox.Tests.Flagger;

/// <summary>
/// Flagger's built-in metric checks, verbatim: the query templates of fluxcd/flagger
/// <c>pkg/metrics/observers/istio.go</c> (used for every <c>smi:*</c> provider and any provider it
/// does not know), <c>osm.go</c> (<c>provider: osm</c>) and <c>linkerd.go</c>
/// (<c>provider: linkerd</c>). Flagger renders them with three template functions —
/// <c>namespace</c> (the Canary's namespace), <c>target</c> (targetRef.name, the canary Deployment)
/// and <c>interval</c> (the metric's interval) — which <see cref="Render"/> fills in the same way.
/// </summary>
internal static class FlaggerQueries
{
    public static readonly IReadOnlyDictionary<string, (string SuccessRate, string Duration)> ByProvider = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["smi"] = (
            """
            sum(
                rate(
                    istio_requests_total{
                        reporter="destination",
                        destination_workload_namespace="{{ namespace }}",
                        destination_workload=~"{{ target }}",
                        response_code!~"5.*"
                    }[{{ interval }}]
                )
            )
            /
            sum(
                rate(
                    istio_requests_total{
                        reporter="destination",
                        destination_workload_namespace="{{ namespace }}",
                        destination_workload=~"{{ target }}"
                    }[{{ interval }}]
                )
            )
            * 100
            """,
            """
            histogram_quantile(
                0.99,
                sum(
                    rate(
                        istio_request_duration_milliseconds_bucket{
                            reporter="destination",
                            destination_workload_namespace="{{ namespace }}",
                            destination_workload=~"{{ target }}"
                        }[{{ interval }}]
                    )
                ) by (le)
            )
            """),
        ["osm"] = (
            """
            sum(
                rate(
                    osm_request_total{
                        destination_namespace="{{ namespace }}",
                        destination_kind="Deployment",
                        destination_name="{{ target }}",
                        response_code!~"5.*"
                    }[{{ interval }}]
                )
            )
            /
            sum(
                rate(
                    osm_request_total{
                        destination_namespace="{{ namespace }}",
                        destination_kind="Deployment",
                        destination_name="{{ target }}"
                    }[{{ interval }}]
                )
            )
            * 100
            """,
            """
            histogram_quantile(
                0.99,
                sum(
                    rate(
                        osm_request_duration_ms_bucket{
                            destination_namespace="{{ namespace }}",
                            destination_kind="Deployment",
                            destination_name="{{ target }}"
                        }[{{ interval }}]
                    )
                ) by (le)
            )
            """),
        ["linkerd"] = (
            """
            sum(
                rate(
                    response_total{
                        namespace="{{ namespace }}",
                        deployment=~"{{ target }}",
                        classification!="failure",
                        direction="inbound"
                    }[{{ interval }}]
                )
            )
            /
            sum(
                rate(
                    response_total{
                        namespace="{{ namespace }}",
                        deployment=~"{{ target }}",
                        direction="inbound"
                    }[{{ interval }}]
                )
            )
            * 100
            """,
            """
            histogram_quantile(
                0.99,
                sum(
                    rate(
                        response_latency_ms_bucket{
                            namespace="{{ namespace }}",
                            deployment=~"{{ target }}",
                            direction="inbound"
                        }[{{ interval }}]
                    )
                ) by (le)
            )
            """),
    };

    public static string Render(string template, string ns, string target, string interval) =>
        template.Replace("{{ namespace }}", ns, StringComparison.Ordinal)
            .Replace("{{ target }}", target, StringComparison.Ordinal)
            .Replace("{{ interval }}", interval, StringComparison.Ordinal);
}
