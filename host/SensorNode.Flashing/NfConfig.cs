using System.Text.Json;
using System.Text.RegularExpressions;

namespace SensorNode.Flashing;

/// <summary>
/// nf.config at the repository root: the one place the flash tool reads its nanoFramework settings from.
/// A JSON object; unknown keys are errors (a misspelt key must not be silently ignored). Relative paths are
/// relative to the file's folder.
/// </summary>
public sealed partial class NfConfig
{
    /// <summary>"latest" (or absent): nanoff picks the newest stable firmware for the target.</summary>
    public const string LatestFirmware = "latest";

    private static readonly string[] KnownKeys =
        ["$comment", "defaultBoard", "boardsDirectory", "target", "firmwareVersion", "serialPort", "image", "assemblies", "boardFileOnDevice"];

    /// <summary>Board used when none is named (a file name under <see cref="BoardsDirectory"/> without .json).</summary>
    public required string DefaultBoard { get; init; }

    /// <summary>Absolute path of the folder holding the board profiles.</summary>
    public required string BoardsDirectory { get; init; }

    /// <summary>nanoff target overriding the board's own (null: use the board profile's nanoff.target).</summary>
    public string? Target { get; init; }

    /// <summary>Firmware version for --fwversion; null means the latest stable image.</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>Serial port of the board (null: must be given on the command line).</summary>
    public string? SerialPort { get; init; }

    /// <summary>Absolute path of the application deployment image (.bin with every assembly's .pe).</summary>
    public required string Image { get; init; }

    /// <summary>The assemblies the image must contain (documentation and a sanity check of the build output).</summary>
    public required IReadOnlyList<string> Assemblies { get; init; }

    /// <summary>Where the board profile is copied on the device (the firmware reads it at start-up).</summary>
    public required string BoardFileOnDevice { get; init; }

    /// <summary>The file this configuration was read from.</summary>
    public required string SourcePath { get; init; }

    public static NfConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FlashConfigurationException($"nf.config not found at {full}.");
        }

        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses nf.config text; <paramref name="sourcePath"/> anchors relative paths and error messages.</summary>
    public static NfConfig Parse(string json, string sourcePath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new FlashConfigurationException($"{sourcePath}: not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FlashConfigurationException($"{sourcePath}: must be a JSON object.");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (Array.IndexOf(KnownKeys, property.Name) < 0)
                {
                    throw new FlashConfigurationException(
                        $"{sourcePath}: unknown key \"{property.Name}\" (known: {string.Join(", ", KnownKeys.Where(k => k != "$comment"))}).");
                }
            }

            string folder = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? ".";
            string defaultBoard = RequiredString(root, "defaultBoard", sourcePath);
            if (!BoardIdPattern().IsMatch(defaultBoard))
            {
                throw new FlashConfigurationException($"{sourcePath}: defaultBoard \"{defaultBoard}\" is not a board id (lower-case letters, digits and '-').");
            }

            string? target = OptionalString(root, "target", sourcePath);
            if (target is not null)
            {
                NanoffArguments.ValidateTarget(target, $"{sourcePath}: target");
            }

            string? version = OptionalString(root, "firmwareVersion", sourcePath);
            if (version is not null && version != LatestFirmware && !VersionPattern().IsMatch(version))
            {
                throw new FlashConfigurationException(
                    $"{sourcePath}: firmwareVersion \"{version}\" must be \"{LatestFirmware}\" or a version like 1.12.0.53.");
            }

            string? port = OptionalString(root, "serialPort", sourcePath);
            if (port is not null)
            {
                NanoffArguments.ValidateSerialPort(port, $"{sourcePath}: serialPort");
            }

            var assemblies = new List<string>();
            if (root.TryGetProperty("assemblies", out JsonElement list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new FlashConfigurationException($"{sourcePath}: assemblies must be an array of file names.");
                }

                foreach (JsonElement item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()) || !item.GetString()!.EndsWith(".pe", StringComparison.Ordinal))
                    {
                        throw new FlashConfigurationException($"{sourcePath}: every entry of assemblies must be a .pe file name.");
                    }

                    assemblies.Add(item.GetString()!);
                }
            }

            string boardFile = OptionalString(root, "boardFileOnDevice", sourcePath) ?? @"I:\board.json";
            if (!DevicePathPattern().IsMatch(boardFile))
            {
                throw new FlashConfigurationException($"{sourcePath}: boardFileOnDevice \"{boardFile}\" must be a file on the internal drive, like I:\\board.json.");
            }

            return new NfConfig
            {
                DefaultBoard = defaultBoard,
                BoardsDirectory = Path.GetFullPath(Path.Combine(folder, OptionalString(root, "boardsDirectory", sourcePath) ?? "boards")),
                Target = target,
                FirmwareVersion = version == LatestFirmware ? null : version,
                SerialPort = port,
                Image = Path.GetFullPath(Path.Combine(folder, RequiredString(root, "image", sourcePath).Replace('\\', '/'))),
                Assemblies = assemblies,
                BoardFileOnDevice = boardFile,
                SourcePath = sourcePath,
            };
        }
    }

    private static string RequiredString(JsonElement root, string name, string source) =>
        OptionalString(root, name, source) ?? throw new FlashConfigurationException($"{source}: \"{name}\" is required.");

    private static string? OptionalString(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new FlashConfigurationException($"{source}: \"{name}\" must be a non-empty string.");
        }

        return value.GetString()!.Trim();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex BoardIdPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(\.\d+)?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^I:\\[A-Za-z0-9_.-]+$")]
    private static partial Regex DevicePathPattern();
}
