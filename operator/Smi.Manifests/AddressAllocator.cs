using System.Globalization;

namespace Smi.Manifests;

/// <summary>
/// Gives every simulated pod its own address from a range (by default loopback, 127.1.0.1 onwards;
/// 127.0.0.0/16 is left to the host; the netns sandbox uses a pod CIDR), stable for as long as the pod exists, so a pod keeps its address across edits and
/// its proxy keeps running. Freed addresses are reused lowest first. With a probe (the sandbox
/// passes one), an address something else on the machine already uses — another sandbox, a test
/// run in parallel — is skipped, so two sandboxes on one machine never fight over a port.
/// </summary>
internal sealed class AddressAllocator(Func<string, bool>? isFree = null, AddressRange? range = null)
{
    private readonly uint _base = (range ?? AddressRange.Loopback).Base;
    private readonly int _last = (range ?? AddressRange.Loopback).Last;
    private readonly Dictionary<string, int> _assigned = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _free = [];
    private int _next = (range ?? AddressRange.Loopback).First;

    /// <summary>The address of a pod ("namespace/name"), assigning one if it has none.</summary>
    public string AddressOf(string podKey)
    {
        if (!_assigned.TryGetValue(podKey, out var offset))
        {
            offset = Take();
            _assigned[podKey] = offset;
        }

        return Format(offset);
    }

    /// <summary>Frees the addresses of pods that no longer exist.</summary>
    public void Retain(IReadOnlySet<string> livePods)
    {
        foreach (var gone in _assigned.Keys.Where(k => !livePods.Contains(k)).ToList())
        {
            _free.Add(_assigned[gone]);
            _assigned.Remove(gone);
        }
    }

    private int Take()
    {
        for (var attempt = 0; ; attempt++)
        {
            var offset = TakeNext();
            if (isFree is null || attempt >= 10_000 || isFree(Format(offset)))
            {
                return offset;
            }
        }
    }

    private int TakeNext()
    {
        if (_free.Count > 0)
        {
            var reused = _free.Min;
            _free.Remove(reused);
            return reused;
        }

        if (_next > _last)
        {
            throw new InvalidOperationException($"The sandbox ran out of pod addresses ({_last} pods).");
        }

        // Skip .0 and .255 in the last octet: some tools treat them as network or broadcast addresses.
        while ((_next & 0xFF) is 0 or 255)
        {
            _next++;
        }

        return _next++;
    }

    private string Format(int offset)
    {
        var address = _base + (uint)offset;
        return string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
    }
}
