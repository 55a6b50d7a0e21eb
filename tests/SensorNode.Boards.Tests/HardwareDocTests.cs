using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace SensorNode.Boards.Tests;

/// <summary>docs/hardware.md and its wiring pictures cover every board and show the pins its profile assigns.</summary>
public sealed class HardwareDocTests
{
    private static string Doc => File.ReadAllText(Path.Combine(Repo.Root, "docs", "hardware.md"));

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Wiring_picture_exists_is_well_formed_SVG_and_shows_every_signal_pin(string board)
    {
        string path = Path.Combine(Repo.Root, "docs", "hardware", board + ".svg");
        Assert.True(File.Exists(path), $"docs/hardware/{board}.svg is missing");
        XDocument svg = XDocument.Load(path);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        string text = string.Join("\n", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));

        using JsonDocument doc = Repo.LoadBoard(board);
        foreach ((int gpio, string role) in BoardRules.PinAssignments(doc.RootElement).Where(p => !p.Role.StartsWith("reserved", StringComparison.Ordinal)))
        {
            Assert.True(text.Contains($"GPIO{gpio}\n", StringComparison.Ordinal) || text.EndsWith($"GPIO{gpio}", StringComparison.Ordinal),
                $"{board}.svg does not show GPIO{gpio} ({role})");
        }
    }

    [Theory]
    [MemberData(nameof(Repo.Boards), MemberType = typeof(Repo))]
    public void Hardware_doc_covers_the_board(string board)
    {
        Assert.Contains($"boards/{board}.json", Doc, StringComparison.Ordinal);
        Assert.Contains($"(hardware/{board}.svg)", Doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Hardware_doc_has_the_required_sections()
    {
        foreach (string heading in new[] { "## 3. Mounting the accelerometer", "## 4. CT clamp", "Calibration procedure", "## 5. Power", "## 6. From an empty board" })
        {
            Assert.Contains(heading, Doc, StringComparison.Ordinal);
        }

    }
}
