using System.Text.Json;

namespace SensorNode.Flashing;

/// <summary>What flashing needs from a board profile (boards/&lt;id&gt;.json): its id, name and nanoff target.
/// The full profile is validated against boards/board.schema.json by the board tests.</summary>
public sealed class BoardInfo
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Target { get; init; }

    /// <summary>Absolute path of the profile file (copied to the device as is).</summary>
    public required string ProfilePath { get; init; }

    public static BoardInfo Load(string boardsDirectory, string boardId)
    {
        if (!NfConfig.BoardIdPattern().IsMatch(boardId))
        {
            throw new FlashConfigurationException($"\"{boardId}\" is not a board id (lower-case letters, digits and '-').");
        }

        string path = Path.Combine(boardsDirectory, boardId + ".json");
        if (!File.Exists(path))
        {
            string known = Directory.Exists(boardsDirectory)
                ? string.Join(", ", Directory.GetFiles(boardsDirectory, "*.json")
                    .Select(Path.GetFileNameWithoutExtension)
                    .Where(n => n is not null && !n.EndsWith(".schema", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal))
                : "(folder missing)";
            throw new FlashConfigurationException($"No board profile \"{boardId}\" in {boardsDirectory}. Known boards: {known}.");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement;
            string id = root.GetProperty("id").GetString() ?? "";
            if (id != boardId)
            {
                throw new FlashConfigurationException($"{path}: id \"{id}\" does not match the file name \"{boardId}\".");
            }

            string target = root.GetProperty("nanoff").GetProperty("target").GetString() ?? "";
            NanoffArguments.ValidateTarget(target, $"{path}: nanoff.target");
            return new BoardInfo
            {
                Id = id,
                Name = root.GetProperty("name").GetString() ?? id,
                Target = target,
                ProfilePath = Path.GetFullPath(path),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FlashConfigurationException($"{path}: not a valid board profile ({e.Message}).", e);
        }
    }
}
