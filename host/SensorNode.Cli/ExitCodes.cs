namespace SensorNode.Cli;

/// <summary>The tool's exit codes (documented in docs/cli.md; scripts rely on them, so never renumber).</summary>
public static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug or an environment problem); the message says what.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The node, file or other named thing does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>Could not reach the broker, serial port, registry or HTTP endpoint.</summary>
    public const int Unreachable = 4;

    /// <summary>The node (or some nodes of a rollout) rejected the change, or an alarm was raised where none was expected.</summary>
    public const int Rejected = 5;

    /// <summary>Refused to overwrite or write files (exists without --force, permission, disk).</summary>
    public const int FileConflict = 6;

    /// <summary>A needed part is missing: an external tool (nanoff, mosquitto) or a component not in this build.</summary>
    public const int Unavailable = 7;

    /// <summary>Waited for an answer (ack, node, broker) and none came in time.</summary>
    public const int Timeout = 8;

    /// <summary>Stopped by Ctrl+C / SIGTERM (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;
}
