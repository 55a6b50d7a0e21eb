namespace SensorNode.Flashing;

/// <summary>What `sensornode flash` will do: the nanoff commands in order, and the file-deployment description
/// nanoff reads to copy the board profile onto the device.</summary>
public sealed class FlashPlan
{
    public required BoardInfo Board { get; init; }

    public required string Target { get; init; }

    public required string SerialPort { get; init; }

    public required IReadOnlyList<NanoffCommand> Commands { get; init; }

    /// <summary>Where the file-deployment JSON is written before the board-file step runs (null when that step is skipped).</summary>
    public string? DeploymentFilePath { get; init; }

    /// <summary>The file-deployment JSON text (null when that step is skipped).</summary>
    public string? DeploymentFileContent { get; init; }

    /// <summary>True when the deploy step's image is not built yet: a dry run still prints, a real run refuses.</summary>
    public bool ImageMissing { get; init; }

    /// <summary>Problems that do not stop a dry run but would stop a real one (e.g. the image is not built yet).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>What a dry run prints: each step's description and command line, the file-deployment JSON, warnings.</summary>
    public IEnumerable<string> Describe(string executable = "nanoff")
    {
        yield return $"Board {Board.Id} ({Board.Name}), target {Target}, port {SerialPort}";
        int step = 1;
        foreach (NanoffCommand command in Commands)
        {
            yield return $"{step++}. {command.Description}";
            yield return "   " + command.ToDisplayString(executable);
        }

        if (DeploymentFilePath is not null && DeploymentFileContent is not null)
        {
            yield return $"File-deployment description written to {DeploymentFilePath} before step {Commands.Count}:";
            foreach (string line in DeploymentFileContent.Split('\n'))
            {
                yield return "   " + line.TrimEnd('\r');
            }
        }

        foreach (string warning in Warnings)
        {
            yield return "warning: " + warning;
        }
    }
}
