using System.Text.Json.Nodes;
using Xunit;

namespace SensorNode.Boards.Tests;

/// <summary>Every board profile validates against boards/board.schema.json (ajv, strict), and the schema rejects
/// what it promises to reject.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void The_five_required_boards_have_profiles()
    {
        Assert.Contains("esp32-devkitc", Repo.BoardIds);
        Assert.Contains("esp32-wrover-devkitc", Repo.BoardIds);
        Assert.Contains("m5stickc-plus", Repo.BoardIds);
        Assert.Contains("olimex-esp32-poe-iso", Repo.BoardIds);
        Assert.Contains("esp32-s3-devkitc", Repo.BoardIds);
    }

    // One node process for all profiles (starting node costs more than validating).
    private static readonly Lazy<IReadOnlyList<Ajv.Result>> BoardResults =
        new(() => Ajv.Validate(Repo.SchemaPath, Repo.BoardIds.Select(Repo.BoardPath).ToArray()));

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Profile_validates_against_the_schema(string board)
    {
        Ajv.Result result = BoardResults.Value.Single(r => r.File == Repo.BoardPath(board));
        Assert.True(result.Valid, $"{board}.json:\n  " + string.Join("\n  ", result.Errors));
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Id_matches_the_file_name(string board)
    {
        using var doc = Repo.LoadBoard(board);
        Assert.Equal(board, doc.RootElement.GetProperty("id").GetString());
    }

    public static IEnumerable<object[]> Mutations() =>
    [
        ["unknown member", (Action<JsonObject>)(b => b["colour"] = "blue"), "additional"],
        ["SPI accelerometer without chip select", (Action<JsonObject>)(b => b["accelerometer"]!.AsObject().Remove("chipSelect")), "chipSelect"],
        ["ADXL345 on I2C", (Action<JsonObject>)(b =>
        {
            var a = b["accelerometer"]!.AsObject();
            a["bus"] = "i2c";
            a.Remove("chipSelect");
            a.Remove("spiClockHz");
            a["address"] = 83;
        }), "const"],
        ["ADXL345 clocked above 5 MHz", (Action<JsonObject>)(b => b["accelerometer"]!["spiClockHz"] = 8000000), "<= 5000000"],
        ["GPIO 49", (Action<JsonObject>)(b => b["statusLed"]!["gpio"] = 49), "<= 48"],
        ["FFT size 3000", (Action<JsonObject>)(b => b["defaults"]!["fftSize"] = 3000), "allowed values"],
        ["ethernet primary on a board without Ethernet", (Action<JsonObject>)(b => b["network"]!["primary"] = "ethernet"), "ethernet"],
        ["BME280 at a wrong address", (Action<JsonObject>)(b => b["temperature"]!["address"] = 0x68), "allowed values"],
        ["current burst not a power of two", (Action<JsonObject>)(b => b["defaults"]!["currentSamples"] = 2000), "allowed values"],
    ];

    private static readonly Lazy<IReadOnlyList<Ajv.Result>> MutationResults = new(ValidateMutations);

    private static IReadOnlyList<Ajv.Result> ValidateMutations()
    {
        string dir = Directory.CreateTempSubdirectory("sn-board-").FullName;
        try
        {
            var files = new List<string>();
            foreach (object[] row in Mutations())
            {
                JsonObject board = JsonNode.Parse(File.ReadAllText(Repo.BoardPath("esp32-devkitc")))!.AsObject();
                ((Action<JsonObject>)row[1])(board);
                string file = Path.Combine(dir, files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
                File.WriteAllText(file, board.ToJsonString());
                files.Add(file);
            }

            return Ajv.Validate(Repo.SchemaPath, files.ToArray());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Schema_rejects(string what, Action<JsonObject> mutate, string expectedInError)
    {
        Assert.NotNull(mutate);
        int index = Mutations().Select(r => (string)r[0]).ToList().IndexOf(what);
        Ajv.Result result = MutationResults.Value[index];

        Assert.False(result.Valid, what + " was accepted");
        Assert.Contains(result.Errors, e => e.Contains(expectedInError, StringComparison.Ordinal));
    }
}
