using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SensorNode.Flashing;

/// <summary>Runs a <see cref="FlashPlan"/>: each nanoff command as its own process with an argument list (no shell,
/// so paths with spaces or shell characters arrive intact), stopping at the first failure.</summary>
public sealed class NanoffRunner
{
    private readonly string _executable;
    private readonly ILogger _logger;

    /// <param name="executable">nanoff (found on PATH) or a full path to it.</param>
    public NanoffRunner(string executable = "nanoff", ILogger<NanoffRunner>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        _executable = executable;
        _logger = logger ?? NullLogger<NanoffRunner>.Instance;
    }

    /// <summary>Runs the plan's commands in order. Returns 0 when all succeeded, else the failing nanoff exit code.
    /// <paramref name="output"/> receives nanoff's standard output and error lines as they come.</summary>
    public async Task<int> RunAsync(FlashPlan plan, Action<string>? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.ImageMissing)
        {
            throw new FlashConfigurationException(plan.Warnings.FirstOrDefault(w => w.Contains(".bin", StringComparison.Ordinal) || w.Contains("image", StringComparison.Ordinal))
                ?? "The application image is not built.");
        }

        if (plan.DeploymentFilePath is not null && plan.DeploymentFileContent is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(plan.DeploymentFilePath)!);
            await File.WriteAllTextAsync(plan.DeploymentFilePath, plan.DeploymentFileContent, cancellationToken).ConfigureAwait(false);
        }

        foreach (NanoffCommand command in plan.Commands)
        {
            _logger.LogInformation("{Step}: {Description}", command.Step, command.Description);
            int exit = await RunOneAsync(command, output, cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                _logger.LogError("{Step} failed: nanoff exited with {ExitCode}", command.Step, exit);
                return exit;
            }
        }

        return 0;
    }

    private async Task<int> RunOneAsync(NanoffCommand command, Action<string>? output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output?.Invoke(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output?.Invoke(e.Data); } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FlashConfigurationException(
                $"Cannot start {_executable}: {e.Message}. Install it with `dotnet tool install -g nanoff` (and add ~/.dotnet/tools to PATH).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A half-written flash is recoverable by running the step again; leaving nanoff running is not.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }
}
