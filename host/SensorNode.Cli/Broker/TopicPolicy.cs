using CoreTopics = SensorNode.Core.Protocol.Topics;

namespace SensorNode.Cli.Broker;

/// <summary>
/// Who may touch which topic under <c>sensornode/v1/&lt;site&gt;/&lt;nodeId&gt;/…</c>. Mosquitto ACLs cannot carve a
/// write-only hole out of a readable topic ("deny" removes read too), so a node's rights are listed leaf by leaf:
/// it writes what it reports and reads only the topics the host writes to it. Leaf names come from the firmware core's
/// <see cref="CoreTopics"/>, the one definition node and host share (docs/protocol.md).
/// </summary>
public sealed record TopicPolicy
{
    public string Root { get; init; } = CoreTopics.Root;

    /// <summary>Topics a node publishes, relative to its own subtree.</summary>
    public IReadOnlyList<string> NodePublishes { get; init; } = DefaultNodePublishes;

    /// <summary>Topics only the host publishes and the node subscribes to, relative to the node's subtree.</summary>
    public IReadOnlyList<string> HostToNode { get; init; } = DefaultHostToNode;

    public static IReadOnlyList<string> DefaultNodePublishes { get; } =
        [CoreTopics.BirthLeaf, CoreTopics.StatusLeaf, CoreTopics.TelemetryLeaf, CoreTopics.AlarmLeaf, CoreTopics.HealthLeaf,
         CoreTopics.ConfigAckLeaf, CoreTopics.ConfigReportedLeaf, CoreTopics.CommandAckLeaf, CoreTopics.SpectrumLeaf];

    public static IReadOnlyList<string> DefaultHostToNode { get; } = [CoreTopics.ConfigDesiredLeaf, CoreTopics.CommandLeaf];

    public string NodeSubtree(string site, string nodeId) => $"{Root}/{site}/{nodeId}";
}
