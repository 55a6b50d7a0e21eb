using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;

namespace SensorNode.Sdk.Config;

public sealed class ConfigServiceOptions
{
    /// <summary>The broker, as the host identity (the only one the ACLs let write config and commands).</summary>
    public BrokerOptions Broker { get; set; } = new();

    /// <summary>How long to wait for a node's answer before reporting "no answer".</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public void Validate()
    {
        Broker.Validate();
        if (AckTimeout <= TimeSpan.Zero) throw new ArgumentException("AckTimeout must be > 0.", nameof(AckTimeout));
    }
}

/// <summary>How a node answered a desired config.</summary>
public enum ConfigOutcome
{
    /// <summary>Validated, persisted and in force.</summary>
    Applied,
    /// <summary>Valid, but identical to the config in force.</summary>
    Unchanged,
    /// <summary>Refused; the node keeps its previous config. <see cref="ConfigPushResult.Errors"/> says why.</summary>
    Rejected,
    /// <summary>No ack within the timeout (node offline, or the message did not reach it). The desired config stays
    /// retained, so an offline node applies it when it comes back.</summary>
    NoAnswer,
    /// <summary>Not sent: a rollout stopped before this node's batch.</summary>
    NotAttempted,
}

public sealed record ConfigFieldError(string Path, string Code, string Message);

public sealed record ConfigPushResult(
    NodeRef Node,
    ConfigOutcome Outcome,
    long Counter,
    string Result,
    IReadOnlyList<ConfigFieldError> Errors,
    string? ConfigHash,
    TimeSpan Elapsed)
{
    /// <summary>One line for tables and logs: "applied", "rejected: bands.velocity.hi inconsistent (...)", "no answer".</summary>
    public string Summary => Outcome switch
    {
        ConfigOutcome.Applied => "applied",
        ConfigOutcome.Unchanged => "unchanged",
        ConfigOutcome.NoAnswer => "no answer",
        ConfigOutcome.NotAttempted => "not attempted",
        _ => "rejected: " + (Errors.Count == 0 ? Result : string.Join("; ", Errors.Select(e => $"{(e.Path.Length == 0 ? "" : e.Path + " ")}{e.Code}{(string.IsNullOrEmpty(e.Message) ? "" : " (" + e.Message + ")")}"))),
    };
}

public sealed class RolloutOptions
{
    /// <summary>Nodes pushed at once; the next batch starts when every node of this one answered or timed out.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Stop after a batch once this many nodes in total were rejected or did not answer; the rest are
    /// reported NotAttempted. 0 stops at the first failure.</summary>
    public int StopAfterFailures { get; set; } = 1;

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException("BatchSize must be >= 1.", nameof(BatchSize));
        if (StopAfterFailures < 0) throw new ArgumentException("StopAfterFailures must be >= 0.", nameof(StopAfterFailures));
    }
}

/// <summary>The per-node result table of a fleet rollout, in the order the nodes were given.</summary>
public sealed record RolloutReport(IReadOnlyList<ConfigPushResult> Results, bool Stopped, string? StopReason)
{
    public int Applied => Results.Count(r => r.Outcome is ConfigOutcome.Applied or ConfigOutcome.Unchanged);
    public int Rejected => Results.Count(r => r.Outcome == ConfigOutcome.Rejected);
    public int NoAnswer => Results.Count(r => r.Outcome == ConfigOutcome.NoAnswer);
    public int NotAttempted => Results.Count(r => r.Outcome == ConfigOutcome.NotAttempted);
}

public sealed record CommandResult(NodeRef Node, string Command, string Id, long Counter, bool Answered, string Result, string? Message, TimeSpan Elapsed)
{
    public bool Succeeded => Answered && Result == "ok";
}

/// <summary>A config or command could not be sent (no key for the node, broker refused ...).</summary>
public sealed class ConfigServiceException : Exception
{
    public ConfigServiceException(string message, Exception? inner = null) : base(message, inner) { }
}
