using System.Text.Json;

namespace SensorNode.Flashing;

/// <summary>
/// Builds the nanoff command lines from nf.config, a board profile and the user's options:
/// <list type="number">
/// <item>firmware: <c>nanoff --update --target T --serialport P [--fwversion V] [--masserase]</c></item>
/// <item>deploy: <c>nanoff --target T --serialport P --deploy --image IMAGE</c></item>
/// <item>board file: <c>nanoff --serialport P --filedeployment DEPLOY.json</c>, which copies boards/&lt;id&gt;.json to I:\board.json</item>
/// </list>
/// Pure: it reads files but runs nothing; <see cref="NanoffRunner"/> executes the plan.
/// </summary>
public static class FlashPlanner
{
    public static FlashPlan Plan(NfConfig config, FlashOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (options.SkipFirmware && options.SkipDeploy && options.SkipBoardFile)
        {
            throw new FlashConfigurationException("Nothing to do: firmware, deploy and board-file steps are all skipped.");
        }

        if (options.MassErase && options.SkipFirmware)
        {
            throw new FlashConfigurationException("--mass-erase only applies when the firmware is written; drop --skip-firmware.");
        }

        string boardId = options.Board ?? config.DefaultBoard;
        BoardInfo board = BoardInfo.Load(config.BoardsDirectory, boardId);
        string target = config.Target ?? board.Target;

        string? port = options.SerialPort ?? config.SerialPort;
        if (port is null)
        {
            throw new FlashConfigurationException(
                $"No serial port: pass --port (e.g. COM3 or /dev/ttyUSB0) or set \"serialPort\" in {config.SourcePath}. `nanoff --listports` lists the ports.");
        }

        NanoffArguments.ValidateSerialPort(port, options.SerialPort is null ? $"{config.SourcePath}: serialPort" : "--port");

        var warnings = new List<string>();
        bool imageMissing = false;
        var commands = new List<NanoffCommand>();
        if (!options.SkipFirmware)
        {
            var args = new List<string> { "--update", "--target", target, "--serialport", port };
            if (config.FirmwareVersion is not null)
            {
                args.Add("--fwversion");
                args.Add(config.FirmwareVersion);
            }

            if (options.MassErase)
            {
                args.Add("--masserase");
            }

            string version = config.FirmwareVersion ?? "the latest stable";
            commands.Add(new NanoffCommand("firmware", $"Write {version} nanoFramework firmware for {target} to {board.Name}", args));
        }

        if (!options.SkipDeploy)
        {
            if (!File.Exists(config.Image))
            {
                imageMissing = true;
                warnings.Add($"The application image {config.Image} does not exist yet: build firmware/SensorNode.Firmware (Release) first.");
            }

            commands.Add(new NanoffCommand(
                "deploy",
                $"Deploy the application image {Path.GetFileName(config.Image)}",
                ["--target", target, "--serialport", port, "--deploy", "--image", config.Image]));
        }

        string? deploymentPath = null;
        string? deploymentContent = null;
        if (!options.SkipBoardFile)
        {
            string folder = Path.GetFullPath(options.WorkDirectory ?? Path.GetTempPath());
            deploymentPath = Path.Combine(folder, $"sensornode-filedeployment-{board.Id}.json");
            deploymentContent = FileDeploymentJson(port, config.BoardFileOnDevice, board.ProfilePath);
            commands.Add(new NanoffCommand(
                "board-file",
                $"Copy the board profile {board.Id}.json to {config.BoardFileOnDevice}",
                ["--serialport", port, "--filedeployment", deploymentPath]));
        }

        return new FlashPlan
        {
            Board = board,
            Target = target,
            SerialPort = port,
            Commands = commands,
            DeploymentFilePath = deploymentPath,
            DeploymentFileContent = deploymentContent,
            ImageMissing = imageMissing,
            Warnings = warnings,
        };
    }

    /// <summary>nanoff's --filedeployment description (FileDeploymentConfiguration: SerialPort and Files with
    /// DestinationFilePath / SourceFilePath).</summary>
    public static string FileDeploymentJson(string port, string destination, string source)
    {
        var document = new Dictionary<string, object>
        {
            ["SerialPort"] = port,
            ["Files"] = new[] { new Dictionary<string, string> { ["DestinationFilePath"] = destination, ["SourceFilePath"] = source } },
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
    }
}
