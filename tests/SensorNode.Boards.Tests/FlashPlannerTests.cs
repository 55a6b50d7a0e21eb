using System.Text.Json;
using SensorNode.Flashing;
using Xunit;

namespace SensorNode.Boards.Tests;

/// <summary>The exact nanoff command lines `sensornode flash` produces from the repository's nf.config for each board,
/// and the errors it gives for bad input.</summary>
public sealed class FlashPlannerTests : IDisposable
{
    private const string Port = "/dev/ttyUSB0";
    private readonly string _work = Directory.CreateTempSubdirectory("sn-flash-").FullName;

    public void Dispose() => Directory.Delete(_work, true);

    private static NfConfig RepoConfig() => NfConfig.Load(Path.Combine(Repo.Root, "nf.config"));

    private static string Image => Path.Combine(Repo.Root, "firmware", "SensorNode.Firmware", "bin", "Release", "SensorNode.Firmware.bin");

    public static IEnumerable<object[]> Targets() =>
    [
        ["esp32-devkitc", "ESP32_REV0"],
        ["esp32-wrover-devkitc", "ESP32_PSRAM_REV0"],
        ["m5stickc-plus", "M5StickCPlus"],
        ["olimex-esp32-poe-iso", "ESP32_OLIMEX"],
        ["esp32-s3-devkitc", "ESP32_S3_ALL"],
    ];

    [Fact]
    public void Every_board_has_an_expected_command_line_case()
    {
        Assert.Equal(Repo.BoardIds.Order(), Targets().Select(t => (string)t[0]).Order());
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Produces_firmware_deploy_and_board_file_commands(string board, string target)
    {
        FlashPlan plan = FlashPlanner.Plan(RepoConfig(), new FlashOptions { Board = board, SerialPort = Port, WorkDirectory = _work });

        string deployment = Path.Combine(_work, $"sensornode-filedeployment-{board}.json");
        Assert.Equal(target, plan.Target);
        Assert.Equal(3, plan.Commands.Count);
        Assert.Equal(["--update", "--target", target, "--serialport", Port], plan.Commands[0].Arguments);
        Assert.Equal(["--target", target, "--serialport", Port, "--deploy", "--image", Image], plan.Commands[1].Arguments);
        Assert.Equal(["--serialport", Port, "--filedeployment", deployment], plan.Commands[2].Arguments);
        Assert.Equal($"nanoff --update --target {target} --serialport {Port}", plan.Commands[0].ToDisplayString());
        Assert.Equal(["firmware", "deploy", "board-file"], plan.Commands.Select(c => c.Step));
        Assert.Equal(deployment, plan.DeploymentFilePath);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void File_deployment_copies_the_board_profile_to_I_board_json(string board, string target)
    {
        FlashPlan plan = FlashPlanner.Plan(RepoConfig(), new FlashOptions { Board = board, SerialPort = "COM7", WorkDirectory = _work });

        using JsonDocument doc = JsonDocument.Parse(plan.DeploymentFileContent!);
        Assert.Equal("COM7", doc.RootElement.GetProperty("SerialPort").GetString());
        JsonElement file = doc.RootElement.GetProperty("Files").EnumerateArray().Single();
        Assert.Equal(@"I:\board.json", file.GetProperty("DestinationFilePath").GetString());
        Assert.Equal(Repo.BoardPath(board), file.GetProperty("SourceFilePath").GetString());
        Assert.Equal(target, plan.Target);
    }

    [Fact]
    public void Dry_run_description_lists_every_command_and_the_deployment_file()
    {
        FlashPlan plan = FlashPlanner.Plan(RepoConfig(), new FlashOptions { Board = "olimex-esp32-poe-iso", SerialPort = "COM4", WorkDirectory = _work });

        List<string> lines = plan.Describe().ToList();

        Assert.Equal("Board olimex-esp32-poe-iso (Olimex ESP32-POE-ISO (ESP32-WROOM-32, LAN8720 Ethernet, isolated PoE)), target ESP32_OLIMEX, port COM4", lines[0]);
        Assert.Contains("   nanoff --update --target ESP32_OLIMEX --serialport COM4", lines);
        Assert.Contains($"   nanoff --serialport COM4 --filedeployment {plan.DeploymentFilePath}", lines);
        Assert.Contains(lines, l => l.Contains(@"""DestinationFilePath"": ""I:\\board.json""", StringComparison.Ordinal));
        Assert.Equal(!File.Exists(Image), lines.Any(l => l.StartsWith("warning: The application image", StringComparison.Ordinal)));
    }

    [Fact]
    public void Default_board_comes_from_nf_config()
    {
        FlashPlan plan = FlashPlanner.Plan(RepoConfig(), new FlashOptions { SerialPort = "COM3", WorkDirectory = _work });
        Assert.Equal("esp32-devkitc", plan.Board.Id);
        Assert.Equal("nanoff --update --target ESP32_REV0 --serialport COM3", plan.Commands[0].ToDisplayString());
    }

    private NfConfig Config(string json)
    {
        string path = Path.Combine(_work, "nf.config");
        File.WriteAllText(path, json);
        return NfConfig.Load(path);
    }

    private string ConfigJson(string extra = "") =>
        "{\"defaultBoard\":\"esp32-devkitc\",\"boardsDirectory\":" + JsonSerializer.Serialize(Repo.BoardsDirectory) +
        ",\"image\":\"my app/SensorNode.Firmware.bin\"" + extra + "}";

    [Fact]
    public void Pinned_version_target_override_mass_erase_and_port_from_config()
    {
        NfConfig config = Config(ConfigJson(",\"firmwareVersion\":\"1.12.0.53\",\"target\":\"ESP32_PSRAM_REV3\",\"serialPort\":\"COM12\""));

        FlashPlan plan = FlashPlanner.Plan(config, new FlashOptions { MassErase = true, SkipBoardFile = true });

        Assert.Equal(["--update", "--target", "ESP32_PSRAM_REV3", "--serialport", "COM12", "--fwversion", "1.12.0.53", "--masserase"], plan.Commands[0].Arguments);
        string image = Path.Combine(_work, "my app", "SensorNode.Firmware.bin");
        Assert.Equal(["--target", "ESP32_PSRAM_REV3", "--serialport", "COM12", "--deploy", "--image", image], plan.Commands[1].Arguments);
        Assert.Equal($"nanoff --target ESP32_PSRAM_REV3 --serialport COM12 --deploy --image \"{image}\"", plan.Commands[1].ToDisplayString());
        Assert.Equal(2, plan.Commands.Count);
        Assert.Null(plan.DeploymentFileContent);
        Assert.True(plan.ImageMissing);
        Assert.Contains(plan.Warnings, w => w.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_only_skips_the_firmware()
    {
        FlashPlan plan = FlashPlanner.Plan(Config(ConfigJson()), new FlashOptions { SerialPort = "COM3", SkipFirmware = true, WorkDirectory = _work });
        Assert.Equal(["deploy", "board-file"], plan.Commands.Select(c => c.Step));
    }

    public static IEnumerable<object[]> BadInput() =>
    [
        ["{\"defaultBoard\":\"esp32-devkitc\"}", "\"image\" is required"],
        ["{\"defaultBoard\":\"esp32-devkitc\",\"image\":\"a.bin\",\"serialport\":\"COM3\"}", "unknown key \"serialport\""],
        ["{\"defaultBoard\":\"ESP32 DevKit\",\"image\":\"a.bin\"}", "is not a board id"],
        ["{\"defaultBoard\":\"esp32-devkitc\",\"image\":\"a.bin\",\"firmwareVersion\":\"newest\"}", "firmwareVersion \"newest\""],
        ["{\"defaultBoard\":\"esp32-devkitc\",\"image\":\"a.bin\",\"target\":\"ESP32 REV0\"}", "is not a nanoff target name"],
        ["{\"defaultBoard\":\"esp32-devkitc\",\"image\":\"a.bin\",\"serialPort\":\"COM3; reboot\"}", "is not a serial port"],
        ["{\"defaultBoard\":\"esp32-devkitc\",\"image\":\"a.bin\",\"boardFileOnDevice\":\"D:\\\\x.json\"}", "internal drive"],
        ["{\"defaultBoard\":\"esp32-devkitc\",", "not valid JSON"],
        ["[]", "must be a JSON object"],
    ];

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_nf_config_is_refused_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<FlashConfigurationException>(() => Config(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("nf.config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_port_tells_how_to_give_one()
    {
        var error = Assert.Throws<FlashConfigurationException>(() => FlashPlanner.Plan(Config(ConfigJson()), new FlashOptions()));
        Assert.Contains("No serial port", error.Message, StringComparison.Ordinal);
        Assert.Contains("--listports", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COM0")]
    [InlineData("/dev/ttyUSB0 && rm x")]
    [InlineData("ttyUSB0")]
    [InlineData("/etc/passwd")]
    public void Bad_port_on_the_command_line_is_refused(string port)
    {
        var error = Assert.Throws<FlashConfigurationException>(() => FlashPlanner.Plan(Config(ConfigJson()), new FlashOptions { SerialPort = port }));
        Assert.StartsWith("--port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_board_lists_the_known_ones()
    {
        var error = Assert.Throws<FlashConfigurationException>(() =>
            FlashPlanner.Plan(Config(ConfigJson()), new FlashOptions { Board = "esp32-devkitm", SerialPort = "COM3" }));
        Assert.Contains("No board profile \"esp32-devkitm\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("esp32-devkitc, esp32-s3-devkitc", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("board.schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_do_and_contradictory_options_are_refused()
    {
        NfConfig config = Config(ConfigJson());
        Assert.Throws<FlashConfigurationException>(() => FlashPlanner.Plan(config,
            new FlashOptions { SerialPort = "COM3", SkipFirmware = true, SkipDeploy = true, SkipBoardFile = true }));
        Assert.Throws<FlashConfigurationException>(() => FlashPlanner.Plan(config,
            new FlashOptions { SerialPort = "COM3", SkipFirmware = true, MassErase = true }));
    }
}
