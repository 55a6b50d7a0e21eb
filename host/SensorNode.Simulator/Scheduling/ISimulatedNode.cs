namespace SensorNode.Simulator.Scheduling;

/// <summary>Something the scheduler drives: does whatever is due at <c>nowMs</c> and says when it next wants to run.</summary>
public interface ISimulatedNode
{
    string NodeId { get; }

    /// <summary>Runs what is due. <paramref name="nowMs"/> is scheduler time (ms since it started); returns the
    /// scheduler time of the next call. Never called concurrently for one node.</summary>
    long Step(long nowMs);
}
