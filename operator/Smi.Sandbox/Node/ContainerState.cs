namespace Smi.Sandbox.Node;

/// <summary>A running container of a netns pod: its process (null for the in-process echo app) and its readiness.</summary>
internal sealed class ContainerState(string name, PodProcess? process)
{
    public string Name { get; } = name;

    public PodProcess? Process { get; } = process;

    /// <summary>Readiness as the last probes said (true from the start for containers without a readiness probe).</summary>
    public bool Ready { get; set; }

    public bool Running => Process is null || !Process.HasExited;
}
