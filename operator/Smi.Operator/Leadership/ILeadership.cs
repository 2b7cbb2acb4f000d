namespace Smi.Operator.Leadership;

/// <summary>Whether this replica may write. Every replica keeps warm caches and compiles; only the leader writes.</summary>
internal interface ILeadership
{
    bool IsLeader { get; }
}
