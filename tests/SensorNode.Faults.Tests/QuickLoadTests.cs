using SensorNode.Load;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Faults.Tests;

/// <summary>
/// The quick version of the load run (docs/load.md): 200 virtual nodes running the firmware core, one MQTT
/// connection each, 1 record/s for 20 s against a real Mosquitto with the SDK consuming. Asserts delivery (nothing
/// lost, nothing dropped, no duplicates), not timing; the figures go to the test output.
/// </summary>
public sealed class QuickLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHundredNodesForTwentySecondsLoseNothing()
    {
        var log = new StringWriter();
        var result = await LoadRun.RunAsync(new LoadOptions { Mode = "runtime", Nodes = 200, Seconds = 20, WarmupSeconds = 10, DrainSeconds = 5 }, log);
        output.WriteLine(log.ToString());
        Assert.Equal(200, result.Connected);
        Assert.True(result.ReceivedInWindow > 0, "nothing received in the measured window");
        Assert.Equal(0, result.Dropped);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicates);
    }
}
