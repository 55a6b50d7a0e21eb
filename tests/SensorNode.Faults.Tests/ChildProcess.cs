using System.Globalization;
using SensorNode.Sdk.Registry;

namespace SensorNode.Faults.Tests;

/// <summary>
/// Entry point of this assembly when a test runs it as a child process (`dotnet SensorNode.Faults.Tests.dll
/// registry-writer &lt;db&gt;`): the host writing to its SQLite registry in a loop, printing "ack asset &lt;i&gt;" and
/// "ack ctr &lt;n&gt;" only after each write returned (committed). The test kills it with SIGKILL at a random point.
/// Without arguments this is not a program: the tests run through `dotnet test`.
/// </summary>
public static class ChildProcess
{
    public const string NodeId = "crash-node";
    public const string SiteId = "crash-site";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "registry-writer")
        {
            Console.Error.WriteLine("usage: SensorNode.Faults.Tests registry-writer <registry.db> (run the tests with dotnet test)");
            return 2;
        }

        await using var registry = await SqliteNodeRegistry.OpenAsync(args[1]);
        if (await registry.GetNodeAsync(NodeId) == null)
        {
            await registry.RecordBirthAsync(new NodeBirthInfo(SiteId, NodeId, "1.0.0", "sim", "hash", [], DateTimeOffset.UtcNow));
            await registry.SetNodeKeyAsync(NodeId, new byte[32]);
        }

        int start = (await registry.ListAssetsAsync(SiteId)).Count;
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        for (int i = start; ; i++)
        {
            await registry.AddAssetAsync(new AssetInfo(0, SiteId, "asset-" + i.ToString(CultureInfo.InvariantCulture), Manufacturer: new string('m', 200)));
            Console.Out.WriteLine("ack asset " + i.ToString(CultureInfo.InvariantCulture));
            long counter = await registry.ReserveCommandCounterAsync(NodeId);
            Console.Out.WriteLine("ack ctr " + counter.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
    }
}
